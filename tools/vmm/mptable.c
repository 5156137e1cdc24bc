// SPDX-License-Identifier: GPL-2.0
/*
 * An Intel MultiProcessor Specification 1.4 table, in the last KiB of base
 * memory where Linux looks for it: one processor entry per vCPU, the ISA
 * bus, the in-kernel IOAPIC with ISA IRQ n on pin n (KVM's default GSI
 * routing), and the LAPIC's LINT pins. Without ACPI this is how the guest
 * finds its CPUs and its IOAPIC.
 */
#include <string.h>

#include "vmm.h"

#define MP_LAPIC_ADDR	0xfee00000U
#define MP_IOAPIC_ADDR	0xfec00000U
#define MP_NR_IRQS	16

struct mpf {
	char sig[4];
	uint32_t physptr;
	uint8_t length, rev, checksum, feature[5];
} __attribute__((packed));

struct mpc {
	char sig[4];
	uint16_t length;
	uint8_t rev, checksum;
	char oem[8], product[12];
	uint32_t oemptr;
	uint16_t oemsize, count;
	uint32_t lapic;
	uint16_t ext_len;
	uint8_t ext_checksum, reserved;
} __attribute__((packed));

struct mpc_cpu {
	uint8_t type, apicid, apicver, cpuflag;
	uint32_t signature, features, reserved[2];
} __attribute__((packed));

struct mpc_bus {
	uint8_t type, busid;
	char bustype[6];
} __attribute__((packed));

struct mpc_ioapic {
	uint8_t type, apicid, apicver, flags;
	uint32_t addr;
} __attribute__((packed));

struct mpc_intsrc {
	uint8_t type, irqtype;
	uint16_t irqflag;
	uint8_t srcbus, srcbusirq, dstapic, dstirq;
} __attribute__((packed));

static uint8_t mp_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return -sum;
}

static uint8_t *mp_intsrc(uint8_t *p, uint8_t type, uint8_t irqtype,
			  uint8_t srcirq, uint8_t dstapic, uint8_t dstirq)
{
	struct mpc_intsrc e = {
		.type = type, .irqtype = irqtype, .srcbusirq = srcirq,
		.dstapic = dstapic, .dstirq = dstirq,
	};

	memcpy(p, &e, sizeof(e));
	return p + sizeof(e);
}

int mptable_write(struct vm *vm)
{
	uint8_t *base = vm->ram + VMM_MPTABLE_ADDR, *p;
	struct mpf *mpf = (struct mpf *)base;
	struct mpc *mpc = (struct mpc *)(mpf + 1);
	uint8_t ioapic = vm->nr_vcpus;
	int i;

	memset(base, 0, VMM_EBDA_END - VMM_MPTABLE_ADDR);
	p = (uint8_t *)(mpc + 1);
	for (i = 0; i < vm->nr_vcpus; i++) {
		struct mpc_cpu c = {
			.type = 0, .apicid = i, .apicver = 0x14,
			.cpuflag = 1 | (i ? 0 : 2),	/* enabled, BSP */
			.signature = 0x600, .features = 0x201,	/* FPU, APIC */
		};

		memcpy(p, &c, sizeof(c));
		p += sizeof(c);
	}
	memcpy(p, &(struct mpc_bus){ .type = 1, .bustype = "ISA   " },
	       sizeof(struct mpc_bus));
	p += sizeof(struct mpc_bus);
	memcpy(p, &(struct mpc_ioapic){ .type = 2, .apicid = ioapic,
		.apicver = 0x11, .flags = 1, .addr = MP_IOAPIC_ADDR },
	       sizeof(struct mpc_ioapic));
	p += sizeof(struct mpc_ioapic);
	for (i = 0; i < MP_NR_IRQS; i++)
		p = mp_intsrc(p, 3, 0, i, ioapic, i);
	p = mp_intsrc(p, 4, 3, 0, 0xff, 0);	/* LINT0: ExtINT */
	p = mp_intsrc(p, 4, 1, 0, 0xff, 1);	/* LINT1: NMI */

	memcpy(mpc->sig, "PCMP", 4);
	mpc->length = p - (uint8_t *)mpc;
	mpc->rev = 4;
	memcpy(mpc->oem, "SANDBOX ", 8);
	memcpy(mpc->product, "MICROVM     ", 12);
	mpc->count = vm->nr_vcpus + 2 + MP_NR_IRQS + 2;
	mpc->lapic = MP_LAPIC_ADDR;
	mpc->checksum = mp_checksum(mpc, mpc->length);

	memcpy(mpf->sig, "_MP_", 4);
	mpf->physptr = VMM_MPTABLE_ADDR + sizeof(*mpf);
	mpf->length = 1;
	mpf->rev = 4;
	mpf->checksum = mp_checksum(mpf, sizeof(*mpf));
	return 0;
}
