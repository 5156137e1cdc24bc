// SPDX-License-Identifier: GPL-2.0
/*
 * vCPU state: CPUID from KVM_GET_SUPPORTED_CPUID (set before anything
 * that depends on it), the LAPIC's LINT pins, the FPU, and the boot
 * processor's registers for the chosen entry. Application processors are
 * left in wait-for-SIPI: the guest starts them through its LAPIC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vmm.h"

#define CPUID_MAX_ENTRIES	256
#define APIC_LVT0		0x350
#define APIC_LVT1		0x360
#define APIC_MODE_EXTINT	0x7
#define APIC_MODE_NMI		0x4

static int cpu_cpuid(struct vm *vm, struct vcpu *v)
{
	struct kvm_cpuid2 *c;
	struct kvm_cpuid_entry2 *e;
	uint32_t i;
	int ret = 0;

	c = calloc(1, sizeof(*c) + CPUID_MAX_ENTRIES * sizeof(*e));
	if (!c)
		return vmm_err(vm, ENOMEM, "CPUID");
	c->nent = CPUID_MAX_ENTRIES;
	if (ioctl(vm->kvm, KVM_GET_SUPPORTED_CPUID, c) < 0) {
		ret = vmm_err(vm, errno, "KVM_GET_SUPPORTED_CPUID");
		goto out;
	}
	for (i = 0; i < c->nent; i++) {
		e = &c->entries[i];
		/* Each vCPU's own APIC id; the rest as KVM offers it. */
		if (e->function == 1)
			e->ebx = (e->ebx & 0x00ffffff) | (uint32_t)v->id << 24;
		if (e->function == 0xb || e->function == 0x1f)
			e->edx = v->id;
	}
	if (ioctl(v->fd, KVM_SET_CPUID2, c) < 0)
		ret = vmm_err(vm, errno, "KVM_SET_CPUID2");
out:
	free(c);
	return ret;
}

static void cpu_lvt(struct kvm_lapic_state *l, int reg, uint32_t mode)
{
	uint32_t v;

	memcpy(&v, l->regs + reg, 4);
	v = (v & ~0x700U) | mode << 8;
	memcpy(l->regs + reg, &v, 4);
}

/* LINT0 takes the PIC's ExtINT, LINT1 the NMI, as firmware leaves them. */
static int cpu_lapic(struct vm *vm, struct vcpu *v)
{
	struct kvm_lapic_state l;

	if (ioctl(v->fd, KVM_GET_LAPIC, &l) < 0)
		return vmm_err(vm, errno, "KVM_GET_LAPIC");
	cpu_lvt(&l, APIC_LVT0, APIC_MODE_EXTINT);
	cpu_lvt(&l, APIC_LVT1, APIC_MODE_NMI);
	if (ioctl(v->fd, KVM_SET_LAPIC, &l) < 0)
		return vmm_err(vm, errno, "KVM_SET_LAPIC");
	return 0;
}

static void cpu_seg(struct kvm_segment *s, uint16_t sel, uint8_t type,
		    bool code64)
{
	*s = (struct kvm_segment){
		.base = 0, .limit = 0xffffffff, .selector = sel,
		.type = type, .present = 1, .dpl = 0, .s = 1,
		.l = code64, .db = !code64, .g = 1,
	};
}

static int cpu_sregs(struct vm *vm, struct vcpu *v)
{
	struct kvm_sregs s;

	if (ioctl(v->fd, KVM_GET_SREGS, &s) < 0)
		return vmm_err(vm, errno, "KVM_GET_SREGS");
	s.gdt.base = VMM_GDT_ADDR;
	s.gdt.limit = 5 * 8 - 1;
	if (vm->entry_64) {
		cpu_seg(&s.cs, 0x10, 0xb, true);
		s.cr3 = VMM_PML4_ADDR;
		s.cr4 |= 0x20;				/* PAE */
		s.cr0 = 0x80000011;			/* PG, ET, PE */
		s.efer |= 0x500;			/* LME, LMA */
	} else {
		cpu_seg(&s.cs, 0x10, 0xb, false);
		s.cr0 = 0x11;				/* PE, ET: no PG, caches on */
		s.cr4 = 0;
		s.efer = 0;
	}
	cpu_seg(&s.ds, 0x18, 0x3, false);
	s.es = s.fs = s.gs = s.ss = s.ds;
	s.tr.type = 0xb;	/* a busy TSS, or VMX entry checks fail */
	if (ioctl(v->fd, KVM_SET_SREGS, &s) < 0)
		return vmm_err(vm, errno, "KVM_SET_SREGS");
	return 0;
}

static int cpu_regs(struct vm *vm, struct vcpu *v)
{
	struct kvm_regs r = {
		.rflags = 0x2, .rip = vm->entry_rip,
		.rsi = vm->boot_reg, .rbx = vm->boot_reg,
	};
	struct kvm_fpu fpu = { .fcw = 0x37f, .mxcsr = 0x1f80 };

	if (ioctl(v->fd, KVM_SET_FPU, &fpu) < 0)
		return vmm_err(vm, errno, "KVM_SET_FPU");
	if (ioctl(v->fd, KVM_SET_REGS, &r) < 0)
		return vmm_err(vm, errno, "KVM_SET_REGS");
	return 0;
}

int cpu_init(struct vm *vm, struct vcpu *v)
{
	int ret;

	ret = cpu_cpuid(vm, v);
	if (!ret && vm->irqchip)
		ret = cpu_lapic(vm, v);
	if (ret || v->id)
		return ret;
	ret = cpu_sregs(vm, v);
	return ret ? ret : cpu_regs(vm, v);
}

/* Only snprintf and ioctl: runs in a vCPU thread under its filter. */
void cpu_dump(struct vcpu *v, char *buf, size_t len)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(v->fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(v->fd, KVM_GET_SREGS, &s) < 0) {
		snprintf(buf, len, "  (registers unavailable)");
		return;
	}
	snprintf(buf, len,
		 "  rip %016llx rsp %016llx rflags %016llx\n"
		 "  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n"
		 "  rsi %016llx rdi %016llx rbp %016llx\n"
		 "  r8  %016llx r9  %016llx r10 %016llx r11 %016llx\n"
		 "  r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n"
		 "  cr0 %016llx cr2 %016llx cr3 %016llx cr4 %016llx\n"
		 "  efer %llx cs %04x (base %llx l %u db %u) ss %04x idt %llx/%x gdt %llx/%x",
		 r.rip, r.rsp, r.rflags, r.rax, r.rbx, r.rcx, r.rdx,
		 r.rsi, r.rdi, r.rbp, r.r8, r.r9, r.r10, r.r11,
		 r.r12, r.r13, r.r14, r.r15, s.cr0, s.cr2, s.cr3, s.cr4,
		 s.efer, s.cs.selector, s.cs.base, s.cs.l, s.cs.db,
		 s.ss.selector, s.idt.base, s.idt.limit, s.gdt.base,
		 s.gdt.limit);
	/* AMD: KVM puts the vCPU through INIT after a shutdown intercept. */
	if (r.rip == 0xfff0 && s.cs.base == 0xffff0000)
		snprintf(buf + strlen(buf), len - strlen(buf),
			 "\n  (the reset state: KVM on AMD re-initializes the vCPU after a triple fault)");
}
