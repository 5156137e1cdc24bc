/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandbox-vmm: a minimal KVM monitor for micro-VM sandboxes.
 *
 * One device per file; this header holds the VM, the vCPUs and the guest
 * physical memory map they all agree on. Functions return 0 or -errno and
 * leave a message in vm->err; only vmm.c prints, and only once.
 */
#ifndef _VMM_H
#define _VMM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/kvm.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

#define VMM_MAX_VCPUS		32
#define VMM_MEM_MIN		(16ULL << 20)
/* Below the 32-bit PCI hole: one RAM slot, one E820 entry above 1 MiB. */
#define VMM_MEM_MAX		(3ULL << 30)

/* Guest physical layout (low memory), shared by the boot paths. */
#define VMM_GDT_ADDR		0x500
#define VMM_PVH_INFO_ADDR	0x6000
#define VMM_ZERO_PAGE_ADDR	0x7000
#define VMM_PML4_ADDR		0x9000	/* + PDPT 0xa000, 4 PDs 0xb000 */
#define VMM_CMDLINE_ADDR	0x20000
#define VMM_CMDLINE_MAX		0x10000
#define VMM_MPTABLE_ADDR	0x9fc00	/* last KiB of base memory */
#define VMM_EBDA_END		0xa0000
#define VMM_KERNEL_ADDR		0x100000

/* Fixed ports. */
#define VMM_EXIT_PORT		0xf4	/* debug exit: a byte = exit status */
#define VMM_SERIAL_PORT		0x3f8
#define VMM_SERIAL_IRQ		4

/* Exit statuses of the monitor itself; a guest's own status is 0-255. */
#define VMM_EXIT_BAD_INPUT	125	/* bad input or setup failure */
#define VMM_EXIT_GUEST_FAIL	123	/* the guest failed or hung */

#define VMM_ERR_MAX		512
#define VMM_DUMP_MAX		2048	/* a failure line and a register dump */

struct vm;

/**
 * struct vcpu - one virtual CPU and its thread
 * @vm: the VM
 * @id: vCPU index, also its APIC id
 * @fd: KVM vCPU fd
 * @run: the mmap'd struct kvm_run
 * @thread: the thread in KVM_RUN
 */
struct vcpu {
	struct vm *vm;
	int id;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
};

/**
 * struct serial - a 16550A UART
 * @lock: protects every field below (vCPU and VMM threads)
 * @ier: interrupt enable register
 * @lcr: line control
 * @mcr: modem control
 * @lsr: line status
 * @scr: scratch
 * @dll: divisor latch low
 * @dlm: divisor latch high
 * @fcr: last FIFO control written
 * @thri: a transmit-empty interrupt is pending
 * @irq_level: the level last given to the IRQ line
 * @rx: receive FIFO
 * @rx_head: next byte to read from @rx
 * @rx_len: bytes in @rx
 * @line: current output line, scanned for the exit marker
 * @line_len: bytes in @line
 */
struct serial {
	pthread_mutex_t lock;
	uint8_t ier, lcr, mcr, lsr, scr, dll, dlm, fcr;
	bool thri;
	int irq_level;
	uint8_t rx[64];
	unsigned int rx_head, rx_len;
	char line[128];
	unsigned int line_len;
};

enum vmm_entry {
	VMM_ENTRY_AUTO,		/* PVH if the kernel has the note, else 64 */
	VMM_ENTRY_PVH,
	VMM_ENTRY_64,		/* bzImage 64-bit entry */
	VMM_ENTRY_32,		/* bzImage 32-bit entry */
	VMM_ENTRY_FLAT,		/* raw 64-bit code at VMM_KERNEL_ADDR */
};

/**
 * struct vmm_opts - what to run
 * @kernel: kernel image path (or "/proc/self/fd/N")
 * @initrd: initrd path, or NULL
 * @kernel_fd: read the kernel from this open fd (-1: open @kernel)
 * @initrd_fd: read the initrd from this open fd (-1: open @initrd)
 * @cmdline: kernel command line
 * @entry: enum vmm_entry
 * @vcpus: number of vCPUs
 * @mem: guest memory in bytes
 * @mem_limit: bytes the monitor may use in all (0: no check)
 * @kvm_fd: an open /dev/kvm, or -1 to open it
 * @progress_s: seconds without any exit before giving up (0: never)
 * @stats: print exits by reason and KVM's statistics on stderr at the end
 * @test_seccomp: test hook (also $SANDBOX_VMM_TEST_SECCOMP): "vmm" or
 *	"vcpu" makes that thread call a syscall outside its filter
 */
struct vmm_opts {
	const char *kernel;
	const char *initrd;
	int kernel_fd;
	int initrd_fd;
	const char *cmdline;
	enum vmm_entry entry;
	int vcpus;
	uint64_t mem;
	uint64_t mem_limit;
	int kvm_fd;
	unsigned int progress_s;
	bool stats;
	const char *test_seccomp;
};

/**
 * struct vm - the virtual machine
 * @o: options
 * @kvm: /dev/kvm fd
 * @fd: VM fd
 * @stats_fd: KVM_GET_STATS_FD of the VM, -1 where KVM has none
 * @vcpu_stats_fd: KVM_GET_STATS_FD of each vCPU
 * @nr_vcpu_stats: entries in @vcpu_stats_fd, 0 where KVM has none
 * @ram: host mapping of guest memory, guest physical 0
 * @ram_size: bytes of guest memory
 * @run_size: size of each vCPU's kvm_run mapping
 * @irqchip: in-kernel IRQCHIP and PIT (not for flat payloads)
 * @nr_vcpus: vCPUs in @vcpus
 * @vcpus: the vCPUs
 * @serial: the UART
 * @exits: userspace exits by KVM_EXIT_* reason (counters < 64)
 * @nr_exits: every userspace exit, the progress counter
 * @io_ports: I/O exits by port, for --stats
 * @t0_ns: CLOCK_MONOTONIC at start
 * @first_exit_ns: time of the first exit, 0 before
 * @entry_rip: first instruction of the guest
 * @entry_64: @entry_rip runs in long mode (else flat 32-bit)
 * @boot_reg: value of the boot protocol's pointer register (rsi/rbx)
 * @done_lock: protects @done and @status
 * @done: the VM has ended
 * @status: exit status of the monitor
 * @done_fd: eventfd written when the VM ends
 * @err: message of the last failure
 */
struct vm {
	const struct vmm_opts *o;
	int kvm, fd, stats_fd;
	int vcpu_stats_fd[VMM_MAX_VCPUS];
	int nr_vcpu_stats;
	uint8_t *ram;
	uint64_t ram_size;
	int run_size;
	bool irqchip;
	int nr_vcpus;
	struct vcpu vcpus[VMM_MAX_VCPUS];
	struct serial serial;
	atomic_uint_fast64_t exits[64];
	atomic_uint_fast64_t nr_exits;
	atomic_uint_fast32_t io_ports[65536];
	uint64_t t0_ns;
	atomic_uint_fast64_t first_exit_ns;
	uint64_t entry_rip;
	bool entry_64;
	uint64_t boot_reg;
	pthread_mutex_t done_lock;
	bool done;
	int status;
	int done_fd;
	char err[VMM_ERR_MAX];
};

/* vmm.c */
int vmm_err(struct vm *vm, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void vmm_end(struct vm *vm, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
uint64_t vmm_now_ns(void);
void *vmm_gpa(struct vm *vm, uint64_t gpa, uint64_t len);

/* boot.c: the bzImage path; fills the zero page and the entry state. */
int boot_bzimage(struct vm *vm, const uint8_t *img, size_t len,
		 const uint8_t *initrd, size_t initrd_len);
int boot_is_bzimage(const uint8_t *img, size_t len);
int boot_load_initrd(struct vm *vm, const uint8_t *initrd, size_t len,
		     uint64_t max_end, uint64_t kernel_end, uint64_t *addr);
int boot_flat(struct vm *vm, const uint8_t *img, size_t len);
void boot_page_tables(struct vm *vm);
/* Copies the command line to VMM_CMDLINE_ADDR, at most @max bytes. */
void boot_cmdline(struct vm *vm, uint32_t max);
void boot_gdt(struct vm *vm);
/* e820.c-like helper shared by boot and PVH: fills @n entries. */
#define VMM_E820_MAX	4
struct vmm_e820 {
	uint64_t addr, size;
	uint32_t type;
};
int boot_e820(struct vm *vm, struct vmm_e820 *e);

/* pvh.c */
int pvh_boot(struct vm *vm, const uint8_t *img, size_t len,
	     const uint8_t *initrd, size_t initrd_len);
int pvh_find_elf(struct vm *vm, const uint8_t *img, size_t len,
		 uint8_t **elf, size_t *elf_len);

/* cpu.c */
int cpu_init(struct vm *vm, struct vcpu *v);
void cpu_dump(struct vcpu *v, char *buf, size_t len);

/* mptable.c */
int mptable_write(struct vm *vm);

/* serial.c */
void serial_init(struct vm *vm);
void serial_io(struct vm *vm, uint16_t port, bool write, uint8_t *data);
void serial_input(struct vm *vm, const uint8_t *buf, size_t len);

/* i8042.c */
bool i8042_io(struct vm *vm, uint16_t port, bool write, uint8_t *data);

/* exitport.c */
bool exitport_io(struct vm *vm, uint16_t port, bool write,
		 const uint8_t *data, int size);

/* seccomp.c */
int vmm_seccomp_vcpu(struct vm *vm);
int vmm_seccomp_main(struct vm *vm);

/* stats.c */
int stats_open(struct vm *vm);
void stats_print(struct vm *vm, int fd);

#endif /* _VMM_H */
