// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 Linux boot protocol (Documentation/arch/x86/boot.rst): load the
 * protected-mode kernel of a bzImage at 1 MiB, build the zero page from
 * its setup header, and enter at the 64-bit entry (identity page tables,
 * load address + 0x200) or, for kernels without one, the 32-bit entry
 * (flat segments, no paging). Also the shared pieces of every boot path:
 * GDT, identity page tables, E820 map, initrd placement.
 */
#include <errno.h>
#include <string.h>

#include "vmm.h"

/* Offsets in the zero page (struct boot_params) and its setup header. */
#define BP_E820_ENTRIES		0x1e8
#define BP_SETUP_SECTS		0x1f1
#define BP_HDR			0x1f1
#define BP_JUMP			0x200	/* 2-byte jump; byte 0x201 = hdr end */
#define BP_MAGIC		0x202	/* "HdrS" */
#define BP_VERSION		0x206
#define BP_TYPE_OF_LOADER	0x210
#define BP_LOADFLAGS		0x211
#define BP_CODE32_START		0x214
#define BP_RAMDISK_IMAGE	0x218
#define BP_RAMDISK_SIZE		0x21c
#define BP_HEAP_END_PTR		0x224
#define BP_CMD_LINE_PTR		0x228
#define BP_INITRD_ADDR_MAX	0x22c
#define BP_RELOCATABLE		0x234
#define BP_XLOADFLAGS		0x236
#define BP_CMDLINE_SIZE		0x238
#define BP_INIT_SIZE		0x260
#define BP_E820_TABLE		0x2d0

#define LOADED_HIGH		0x01
#define CAN_USE_HEAP		0x80
#define XLF_KERNEL_64		0x01
#define E820_RAM		1
#define E820_RESERVED		2

/* The oldest protocol we speak: 2.06 has cmdline_size. */
#define BOOT_PROTO_MIN		0x0206
/* 2.12 has xloadflags, which says whether there is a 64-bit entry. */
#define BOOT_PROTO_64		0x020c

static uint16_t get16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

int boot_is_bzimage(const uint8_t *img, size_t len)
{
	return len > 0x300 && !memcmp(img + BP_MAGIC, "HdrS", 4) &&
	       get16(img + 0x1fe) == 0xaa55;
}

void boot_gdt(struct vm *vm)
{
	/* null, null, code64 (0x10), data (0x18), code32 (0x20) */
	static const uint64_t gdt[] = {
		0, 0, 0x00af9b000000ffffULL, 0x00cf93000000ffffULL,
		0x00cf9b000000ffffULL,
	};

	memcpy(vm->ram + VMM_GDT_ADDR, gdt, sizeof(gdt));
}

/* Identity map of the first 4 GiB with 2 MiB pages (no 1 GiB pages). */
void boot_page_tables(struct vm *vm)
{
	uint64_t *pml4 = (uint64_t *)(vm->ram + VMM_PML4_ADDR);
	uint64_t *pdpt = pml4 + 512, *pd = pdpt + 512;
	uint64_t i;

	memset(pml4, 0, 6 * 4096);
	pml4[0] = (VMM_PML4_ADDR + 0x1000) | 0x3;
	for (i = 0; i < 4; i++)
		pdpt[i] = (VMM_PML4_ADDR + 0x2000 + i * 0x1000) | 0x3;
	for (i = 0; i < 4 * 512; i++)
		pd[i] = (i << 21) | 0x83;	/* present, write, 2 MiB */
}

int boot_e820(struct vm *vm, struct vmm_e820 *e)
{
	e[0] = (struct vmm_e820){ 0, VMM_MPTABLE_ADDR, E820_RAM };
	e[1] = (struct vmm_e820){ VMM_MPTABLE_ADDR,
				  VMM_EBDA_END - VMM_MPTABLE_ADDR,
				  E820_RESERVED };
	e[2] = (struct vmm_e820){ 0xf0000, 0x10000, E820_RESERVED };
	e[3] = (struct vmm_e820){ VMM_KERNEL_ADDR,
				  vm->ram_size - VMM_KERNEL_ADDR, E820_RAM };
	return 4;
}

/* The initrd goes as high as allowed, page-aligned, above the kernel. */
int boot_load_initrd(struct vm *vm, const uint8_t *initrd, size_t len,
		     uint64_t max_end, uint64_t kernel_end, uint64_t *addr)
{
	uint64_t end = vm->ram_size < max_end ? vm->ram_size : max_end;

	if (len > end || ((end - len) & ~0xfffULL) < kernel_end)
		return vmm_err(vm, 0,
			       "initrd of %zu bytes does not fit between the kernel's end (0x%llx) and 0x%llx",
			       len, (unsigned long long)kernel_end,
			       (unsigned long long)end);
	*addr = (end - len) & ~0xfffULL;
	memcpy(vm->ram + *addr, initrd, len);
	return 0;
}

void boot_cmdline(struct vm *vm, uint32_t max)
{
	size_t n = strlen(vm->o->cmdline);

	if (n > max)
		n = max;
	memcpy(vm->ram + VMM_CMDLINE_ADDR, vm->o->cmdline, n);
	vm->ram[VMM_CMDLINE_ADDR + n] = '\0';
}

static int boot_check(struct vm *vm, const uint8_t *img, size_t len,
		      size_t *kernel_off)
{
	uint16_t version = get16(img + BP_VERSION);
	unsigned int setup_sects = img[BP_SETUP_SECTS];
	uint64_t init_size;

	if (!boot_is_bzimage(img, len))
		return vmm_err(vm, 0, "%s: not a bzImage (no boot protocol header)",
			       vm->o->kernel);
	if (version < BOOT_PROTO_MIN || !(img[BP_LOADFLAGS] & LOADED_HIGH))
		return vmm_err(vm, 0,
			       "%s: boot protocol %u.%02u is too old (2.06 or later needed)",
			       vm->o->kernel, version >> 8, version & 0xff);
	*kernel_off = ((setup_sects ? setup_sects : 4) + 1) * 512;
	if (*kernel_off >= len)
		return vmm_err(vm, 0, "%s: truncated bzImage", vm->o->kernel);
	init_size = version >= 0x020a ? get32(img + BP_INIT_SIZE) : 0;
	if (init_size < len - *kernel_off)
		init_size = len - *kernel_off;
	if (VMM_KERNEL_ADDR + init_size + (8 << 20) > vm->ram_size)
		return vmm_err(vm, 0,
			       "%s: needs %llu MiB to decompress, more than guest memory",
			       vm->o->kernel,
			       (unsigned long long)(init_size >> 20) + 9);
	return 0;
}

static int boot_zero_page(struct vm *vm, const uint8_t *img,
			  const uint8_t *initrd, size_t initrd_len,
			  uint64_t kernel_end)
{
	uint8_t *zp = vm->ram + VMM_ZERO_PAGE_ADDR;
	struct vmm_e820 e820[VMM_E820_MAX];
	uint64_t addr = 0;
	int i, n, ret;

	memset(zp, 0, 4096);
	memcpy(zp + BP_HDR, img + BP_HDR, BP_JUMP + 2 + img[0x201] - BP_HDR);
	zp[BP_TYPE_OF_LOADER] = 0xff;
	zp[BP_LOADFLAGS] |= CAN_USE_HEAP;
	zp[BP_HEAP_END_PTR] = 0x00;
	zp[BP_HEAP_END_PTR + 1] = 0xfe;
	put32(zp + BP_CMD_LINE_PTR, VMM_CMDLINE_ADDR);
	boot_cmdline(vm, get32(img + BP_CMDLINE_SIZE));
	if (initrd) {
		ret = boot_load_initrd(vm, initrd, initrd_len,
				       (uint64_t)get32(img + BP_INITRD_ADDR_MAX)
				       + 1, kernel_end, &addr);
		if (ret)
			return ret;
		put32(zp + BP_RAMDISK_IMAGE, addr);
		put32(zp + BP_RAMDISK_SIZE, initrd_len);
	}
	n = boot_e820(vm, e820);
	for (i = 0; i < n; i++)
		memcpy(zp + BP_E820_TABLE + i * 20, &e820[i], 20);
	zp[BP_E820_ENTRIES] = n;
	return 0;
}

int boot_bzimage(struct vm *vm, const uint8_t *img, size_t len,
		 const uint8_t *initrd, size_t initrd_len)
{
	bool has64;
	size_t off = 0;
	uint64_t end;
	int ret;

	ret = boot_check(vm, img, len, &off);
	if (ret)
		return ret;
	memcpy(vm->ram + VMM_KERNEL_ADDR, img + off, len - off);
	end = VMM_KERNEL_ADDR + (len - off);
	if (get16(img + BP_VERSION) >= 0x020a &&
	    VMM_KERNEL_ADDR + get32(img + BP_INIT_SIZE) > end)
		end = VMM_KERNEL_ADDR + get32(img + BP_INIT_SIZE);
	ret = boot_zero_page(vm, img, initrd, initrd_len, end);
	if (ret)
		return ret;
	boot_gdt(vm);
	has64 = get16(img + BP_VERSION) >= BOOT_PROTO_64 &&
		(get16(img + BP_XLOADFLAGS) & XLF_KERNEL_64);
	vm->boot_reg = VMM_ZERO_PAGE_ADDR;
	if (has64 && vm->o->entry != VMM_ENTRY_32) {
		boot_page_tables(vm);
		vm->entry_64 = true;
		vm->entry_rip = VMM_KERNEL_ADDR + 0x200;
	} else {
		vm->entry_rip = get32(img + BP_CODE32_START);
	}
	return 0;
}

/* A raw 64-bit payload at 1 MiB: the smoke test of the ioctl path. */
int boot_flat(struct vm *vm, const uint8_t *img, size_t len)
{
	if (len > vm->ram_size - VMM_KERNEL_ADDR)
		return vmm_err(vm, 0, "%s: %zu bytes do not fit in guest memory",
			       vm->o->kernel, len);
	memcpy(vm->ram + VMM_KERNEL_ADDR, img, len);
	boot_gdt(vm);
	boot_page_tables(vm);
	vm->entry_64 = true;
	vm->entry_rip = VMM_KERNEL_ADDR;
	vm->boot_reg = VMM_ZERO_PAGE_ADDR;
	return 0;
}
