// SPDX-License-Identifier: GPL-2.0
/*
 * sandbox-vmm: VM setup, the vCPU run loop and the monitor's own loop.
 *
 * The main thread reads the guest's input and watches for the end; each
 * vCPU thread sits in KVM_RUN and handles its exits itself. Whatever ends
 * the VM (the exit port, a reset, a failure) calls vmm_end() once, which
 * records the status and wakes the main thread; it then exits the process,
 * which ends every vCPU thread with it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "vmm.h"
#include "vmm_opts.h"

static struct termios vmm_saved_tio;
static bool vmm_raw_tty;

uint64_t vmm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int vmm_err(struct vm *vm, int err, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(vm->err, sizeof(vm->err), fmt, ap);
	va_end(ap);
	n = strlen(vm->err);
	if (err)
		snprintf(vm->err + n, sizeof(vm->err) - n, ": %s",
			 strerror(err < 0 ? -err : err));
	/* Bad input without an errno is still a failure. */
	if (!err)
		return -EINVAL;
	return err < 0 ? err : -err;
}

/* Only write(2): called from vCPU threads under their seccomp filter. */
static void vmm_say(const char *msg)
{
	char buf[VMM_DUMP_MAX + 16];
	int n;

	n = snprintf(buf, sizeof(buf), "sandbox-vmm: %s\n", msg);
	if (n > (int)sizeof(buf))
		n = sizeof(buf);
	if (write(STDERR_FILENO, buf, n) < 0)
		return;
}

/* Ends the VM once: later calls (a vCPU racing another) change nothing. */
void vmm_end(struct vm *vm, int status, const char *fmt, ...)
{
	char msg[VMM_DUMP_MAX];
	uint64_t one = 1;
	va_list ap;

	pthread_mutex_lock(&vm->done_lock);
	if (vm->done) {
		pthread_mutex_unlock(&vm->done_lock);
		return;
	}
	vm->done = true;
	vm->status = status;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		vmm_say(msg);
	}
	pthread_mutex_unlock(&vm->done_lock);
	if (write(vm->done_fd, &one, sizeof(one)) < 0)
		return;
}

void *vmm_gpa(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (gpa > vm->ram_size || len > vm->ram_size - gpa)
		return NULL;
	return vm->ram + gpa;
}

/* From @fd if it is one (the jail's way), else from @path. */
static int vmm_read_file(struct vm *vm, const char *path, int fd,
			 uint8_t **buf, size_t *len, size_t max)
{
	struct stat st;
	size_t off = 0;
	ssize_t n;

	fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) :
	     open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return vmm_err(vm, errno, "%s", path);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return vmm_err(vm, EINVAL, "%s: not a regular file", path);
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return vmm_err(vm, 0, "%s: %lld bytes do not fit in guest memory",
			       path, (long long)st.st_size);
	}
	*buf = malloc(st.st_size ? st.st_size : 1);
	if (!*buf) {
		close(fd);
		return vmm_err(vm, ENOMEM, "%s", path);
	}
	while (off < (size_t)st.st_size) {
		n = pread(fd, *buf + off, st.st_size - off, off);
		if (n <= 0) {
			close(fd);
			free(*buf);
			return vmm_err(vm, n ? errno : EIO, "read %s", path);
		}
		off += n;
	}
	close(fd);
	*len = off;
	return 0;
}

static int vmm_create_vm(struct vm *vm)
{
	struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };
	struct kvm_userspace_memory_region region = {};
	int ret;

	vm->kvm = vm->o->kvm_fd >= 0 ? vm->o->kvm_fd :
		  open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0)
		return vmm_err(vm, errno, "/dev/kvm");
	ret = ioctl(vm->kvm, KVM_GET_API_VERSION, 0);
	if (ret != KVM_API_VERSION)
		return vmm_err(vm, 0, "/dev/kvm: KVM API version %d, not %d",
			       ret, KVM_API_VERSION);
	vm->fd = ioctl(vm->kvm, KVM_CREATE_VM, 0);
	if (vm->fd < 0)
		return vmm_err(vm, errno, "KVM_CREATE_VM");
	vm->run_size = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vm->run_size <= 0)
		return vmm_err(vm, errno, "KVM_GET_VCPU_MMAP_SIZE");
	/* Real mode's TSS and identity map live just below 4 GiB (VMX). */
	if (ioctl(vm->fd, KVM_SET_TSS_ADDR, 0xfffbd000UL) < 0)
		return vmm_err(vm, errno, "KVM_SET_TSS_ADDR");
	if (vm->irqchip) {
		if (ioctl(vm->fd, KVM_CREATE_IRQCHIP, 0) < 0)
			return vmm_err(vm, errno, "KVM_CREATE_IRQCHIP");
		if (ioctl(vm->fd, KVM_CREATE_PIT2, &pit) < 0)
			return vmm_err(vm, errno, "KVM_CREATE_PIT2");
	}
	vm->ram = mmap(NULL, vm->ram_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->ram == MAP_FAILED)
		return vmm_err(vm, errno, "guest memory (%llu MiB)",
			       (unsigned long long)(vm->ram_size >> 20));
	madvise(vm->ram, vm->ram_size, MADV_MERGEABLE);
	region.memory_size = vm->ram_size;
	region.userspace_addr = (uintptr_t)vm->ram;
	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return vmm_err(vm, errno, "KVM_SET_USER_MEMORY_REGION");
	return 0;
}

static int vmm_load(struct vm *vm)
{
	uint8_t *img = NULL, *initrd = NULL;
	size_t len = 0, initrd_len = 0;
	int ret;

	ret = vmm_read_file(vm, vm->o->kernel, vm->o->kernel_fd, &img, &len,
			    vm->ram_size);
	if (ret)
		return ret;
	if (vm->o->initrd) {
		ret = vmm_read_file(vm, vm->o->initrd, vm->o->initrd_fd,
				    &initrd, &initrd_len, vm->ram_size);
		if (ret)
			goto out;
	}
	switch (vm->o->entry) {
	case VMM_ENTRY_FLAT:
		ret = boot_flat(vm, img, len);
		break;
	case VMM_ENTRY_64:
	case VMM_ENTRY_32:
		ret = boot_bzimage(vm, img, len, initrd, initrd_len);
		break;
	default:
		ret = pvh_boot(vm, img, len, initrd, initrd_len);
		/* AUTO: a kernel without the PVH note boots as a bzImage. */
		if (ret == -ENOENT && vm->o->entry == VMM_ENTRY_AUTO)
			ret = boot_bzimage(vm, img, len, initrd, initrd_len);
		break;
	}
	if (!ret && vm->irqchip)
		ret = mptable_write(vm);
out:
	free(img);
	free(initrd);
	return ret;
}

static int vmm_create_vcpus(struct vm *vm)
{
	struct vcpu *v;
	int i, ret;

	for (i = 0; i < vm->nr_vcpus; i++) {
		v = &vm->vcpus[i];
		v->vm = vm;
		v->id = i;
		v->fd = ioctl(vm->fd, KVM_CREATE_VCPU, i);
		if (v->fd < 0)
			return vmm_err(vm, errno, "KVM_CREATE_VCPU %d", i);
		v->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE,
			      MAP_SHARED, v->fd, 0);
		if (v->run == MAP_FAILED)
			return vmm_err(vm, errno, "mmap kvm_run %d", i);
		ret = cpu_init(vm, v);
		if (ret)
			return ret;
	}
	return 0;
}

static void vmm_fail(struct vcpu *v, const char *what)
{
	char dump[VMM_DUMP_MAX - 256];

	cpu_dump(v, dump, sizeof(dump));
	vmm_end(v->vm, VMM_EXIT_GUEST_FAIL, "vCPU %d: %s\n%s", v->id, what,
		dump);
}

static void vmm_io(struct vcpu *v)
{
	struct kvm_run *r = v->run;
	uint8_t *data = (uint8_t *)r + r->io.data_offset;
	bool write = r->io.direction == KVM_EXIT_IO_OUT;
	uint16_t port = r->io.port;
	uint32_t i;

	atomic_fetch_add(&v->vm->io_ports[port], 1);
	for (i = 0; i < r->io.count; i++, data += r->io.size) {
		if (exitport_io(v->vm, port, write, data, r->io.size))
			continue;
		if (i8042_io(v->vm, port, write, data))
			continue;
		if (port >= VMM_SERIAL_PORT && port < VMM_SERIAL_PORT + 8 &&
		    r->io.size == 1) {
			serial_io(v->vm, port, write, data);
			continue;
		}
		/* Nothing there: reads float high, like an empty ISA bus. */
		if (!write)
			memset(data, 0xff, r->io.size);
	}
}

static void vmm_mmio(struct vcpu *v)
{
	struct kvm_run *r = v->run;

	/* No MMIO devices: reads see an empty bus, writes are dropped. */
	if (!r->mmio.is_write)
		memset(r->mmio.data, 0xff, sizeof(r->mmio.data));
}

/* Returns false when the vCPU must stop. */
static bool vmm_exit(struct vcpu *v)
{
	struct kvm_run *r = v->run;
	char what[128];

	switch (r->exit_reason) {
	case KVM_EXIT_IO:
		vmm_io(v);
		return true;
	case KVM_EXIT_MMIO:
		vmm_mmio(v);
		return true;
	case KVM_EXIT_HLT:
		/* Only without the in-kernel LAPIC: flat payloads end so. */
		vmm_end(v->vm, 0, NULL);
		return false;
	case KVM_EXIT_INTR:
		return true;
	case KVM_EXIT_SHUTDOWN:
		vmm_fail(v, "triple fault (KVM_EXIT_SHUTDOWN)");
		return false;
	case KVM_EXIT_FAIL_ENTRY:
		snprintf(what, sizeof(what),
			 "KVM_EXIT_FAIL_ENTRY, hardware reason 0x%llx",
			 (unsigned long long)
			 r->fail_entry.hardware_entry_failure_reason);
		vmm_fail(v, what);
		return false;
	case KVM_EXIT_INTERNAL_ERROR:
		snprintf(what, sizeof(what),
			 "KVM_EXIT_INTERNAL_ERROR, suberror %u",
			 r->internal.suberror);
		vmm_fail(v, what);
		return false;
	case KVM_EXIT_SYSTEM_EVENT:
		vmm_end(v->vm, VMM_EXIT_GUEST_FAIL,
			"the guest reset or powered off without an exit status");
		return false;
	default:
		snprintf(what, sizeof(what), "unhandled exit reason %u",
			 r->exit_reason);
		vmm_fail(v, what);
		return false;
	}
}

static void *vmm_vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	struct vm *vm = v->vm;
	uint64_t zero;
	char what[96];

	if (vmm_seccomp_vcpu(vm)) {
		vmm_end(vm, VMM_EXIT_BAD_INPUT, "%s", vm->err);
		return NULL;
	}
	if (vm->o->test_seccomp && !strcmp(vm->o->test_seccomp, "vcpu") &&
	    !v->id)
		getppid();	/* test hook: outside the vCPU filter */
	for (;;) {
		if (ioctl(v->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			snprintf(what, sizeof(what), "KVM_RUN: %s",
				 strerror(errno));
			vmm_fail(v, what);
			return NULL;
		}
		zero = 0;
		atomic_compare_exchange_strong(&vm->first_exit_ns, &zero,
					       vmm_now_ns());
		if (v->run->exit_reason < 64)
			atomic_fetch_add(&vm->exits[v->run->exit_reason], 1);
		atomic_fetch_add(&vm->nr_exits, 1);
		if (!vmm_exit(v))
			return NULL;
	}
}

static void vmm_tty_restore(void)
{
	if (vmm_raw_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &vmm_saved_tio);
}

/* An interactive guest console: raw, so that ^C reaches the guest. */
static void vmm_tty_raw(void)
{
	struct termios tio;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &vmm_saved_tio))
		return;
	tio = vmm_saved_tio;
	cfmakeraw(&tio);
	tio.c_oflag |= OPOST;	/* guest output keeps its \r\n */
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &tio))
		vmm_raw_tty = true;
}

/* No exit at all for progress_s seconds: the guest hangs, say so. */
static bool vmm_stalled(struct vm *vm, uint64_t *last, uint64_t *since)
{
	uint64_t n = atomic_load(&vm->nr_exits), now = vmm_now_ns();

	if (n != *last) {
		*last = n;
		*since = now;
		return false;
	}
	return vm->o->progress_s &&
	       now - *since > vm->o->progress_s * 1000000000ULL;
}

static void vmm_loop(struct vm *vm)
{
	struct pollfd pfd[2] = {
		{ .fd = vm->done_fd, .events = POLLIN },
		{ .fd = STDIN_FILENO, .events = POLLIN },
	};
	uint64_t last = 0, since = vmm_now_ns();
	uint8_t buf[64];
	ssize_t n;

	while (!(pfd[0].revents & POLLIN)) {
		if (poll(pfd, 2, 1000) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents & POLLIN) {
			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n > 0)
				serial_input(vm, buf, n);
			else
				pfd[1].fd = -1;	/* EOF: stop polling it */
		} else if (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			pfd[1].fd = -1;
		}
		if (vmm_stalled(vm, &last, &since))
			vmm_end(vm, VMM_EXIT_GUEST_FAIL,
				"no progress: the guest made no exit in %u s (a KVM that cannot run this guest, or a hung guest)",
				vm->o->progress_s);
	}
}

static int vmm_start(struct vm *vm)
{
	int i, ret;

	for (i = 0; i < vm->nr_vcpus; i++) {
		ret = pthread_create(&vm->vcpus[i].thread, NULL,
				     vmm_vcpu_thread, &vm->vcpus[i]);
		if (ret)
			return vmm_err(vm, ret, "vCPU thread %d", i);
	}
	return 0;
}

static int vmm_setup(struct vm *vm)
{
	int ret;

	ret = vmm_create_vm(vm);
	if (!ret)
		ret = vmm_load(vm);
	if (!ret)
		ret = vmm_create_vcpus(vm);
	if (!ret)
		stats_open(vm);
	return ret;
}

int main(int argc, char **argv)
{
	static struct vm vm;
	struct vmm_opts o;
	int ret;

	vm.t0_ns = vmm_now_ns();
	ret = vmm_parse_opts(argc, argv, &o);
	if (ret >= 0)
		return ret;
	vm.o = &o;
	vm.kvm = vm.fd = vm.stats_fd = -1;
	vm.nr_vcpus = o.vcpus;
	vm.ram_size = o.mem;
	vm.irqchip = o.entry != VMM_ENTRY_FLAT;
	pthread_mutex_init(&vm.done_lock, NULL);
	serial_init(&vm);
	vm.done_fd = eventfd(0, EFD_CLOEXEC);
	if (vm.done_fd < 0 || vmm_setup(&vm)) {
		fprintf(stderr, "sandbox-vmm: %s\n",
			vm.err[0] ? vm.err : strerror(errno));
		return VMM_EXIT_BAD_INPUT;
	}
	vmm_tty_raw();
	atexit(vmm_tty_restore);
	if (vmm_start(&vm) || vmm_seccomp_main(&vm)) {
		vmm_tty_restore();
		fprintf(stderr, "sandbox-vmm: %s\n", vm.err);
		_exit(VMM_EXIT_BAD_INPUT);
	}
	if (o.test_seccomp && !strcmp(o.test_seccomp, "vmm"))
		getppid();	/* test hook: outside the monitor's filter */
	vmm_loop(&vm);
	vmm_tty_restore();
	if (o.stats)
		stats_print(&vm, STDERR_FILENO);
	/* exit_group: the vCPU threads end with us. */
	_exit(vm.status);
}
