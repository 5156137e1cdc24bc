// SPDX-License-Identifier: GPL-2.0
/*
 * The PVH entry (Xen's HVM direct boot, which Linux supports natively with
 * CONFIG_PVH): load the ELF vmlinux, either given as is or decompressed
 * from a bzImage's payload, and enter its XEN_ELFNOTE_PHYS32_ENTRY in flat
 * 32-bit protected mode with %ebx pointing at struct hvm_start_info. It
 * skips the bzImage's own decompressor, which costs seconds nested.
 */
#include <elf.h>
#include <errno.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "vmm.h"

#define XEN_ELFNOTE_PHYS32_ENTRY	18
#define HVM_START_MAGIC			0x336ec578

/* xen/include/public/arch-x86/hvm/start_info.h, version 1 */
struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries, reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_table_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

static int pvh_xz(const uint8_t *in, size_t len, uint8_t *out, size_t *olen)
{
	uint64_t memlimit = UINT64_MAX;
	size_t ipos = 0, opos = 0;
	lzma_ret r;

	r = lzma_stream_buffer_decode(&memlimit, LZMA_CONCATENATED, NULL, in,
				      &ipos, len, out, &opos, *olen);
	*olen = opos;
	return r == LZMA_OK || r == LZMA_BUF_ERROR ? 0 : -EINVAL;
}

static int pvh_zstd(const uint8_t *in, size_t len, uint8_t *out,
		    size_t *olen)
{
	size_t n = ZSTD_decompress(out, *olen, in, len);

	if (ZSTD_isError(n))
		return -EINVAL;
	*olen = n;
	return 0;
}

static int pvh_gzip(const uint8_t *in, size_t len, uint8_t *out,
		    size_t *olen)
{
	z_stream z = {
		.next_in = (uint8_t *)in, .avail_in = len,
		.next_out = out, .avail_out = *olen,
	};
	int r;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	r = inflate(&z, Z_FINISH);
	*olen = z.total_out;
	inflateEnd(&z);
	return r == Z_STREAM_END ? 0 : -EINVAL;
}

static const uint8_t xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };

/* The payload's last 4 bytes are its decompressed size (size_append). */
static int pvh_decompress(struct vm *vm, const uint8_t *p, size_t len,
			  uint8_t **elf, size_t *elf_len)
{
	size_t size;
	int ret;

	if (len < 8)
		return -ENOENT;
	size = p[len - 4] | p[len - 3] << 8 | p[len - 2] << 16 |
	       (size_t)p[len - 1] << 24;
	if (size > vm->ram_size)
		return vmm_err(vm, 0, "%s: the kernel is larger than guest memory",
			       vm->o->kernel);
	*elf = malloc(size);
	if (!*elf)
		return vmm_err(vm, ENOMEM, "decompress %s", vm->o->kernel);
	*elf_len = size;
	len -= 4;
	if (!memcmp(p, xz_magic, sizeof(xz_magic)))
		ret = pvh_xz(p, len, *elf, elf_len);
	else if (!memcmp(p, "\x28\xb5\x2f\xfd", 4))
		ret = pvh_zstd(p, len, *elf, elf_len);
	else if (!memcmp(p, "\x1f\x8b", 2))
		ret = pvh_gzip(p, len, *elf, elf_len);
	else
		ret = -ENOENT;	/* a compressor we do not have: bzImage */
	if (ret) {
		free(*elf);
		*elf = NULL;
	}
	if (ret == -EINVAL)
		return vmm_err(vm, 0, "%s: corrupt compressed kernel",
			       vm->o->kernel);
	return ret;
}

/*
 * Finds the ELF vmlinux: @img itself, or the payload of a bzImage.
 * Returns -ENOENT (no message) for a bzImage we cannot unpack.
 */
int pvh_find_elf(struct vm *vm, const uint8_t *img, size_t len,
		 uint8_t **elf, size_t *elf_len)
{
	size_t off, plen, poff;

	*elf = NULL;
	if (len > SELFMAG && !memcmp(img, ELFMAG, SELFMAG)) {
		*elf_len = len;
		return 0;
	}
	if (!boot_is_bzimage(img, len))
		return vmm_err(vm, 0, "%s: not a bzImage or an ELF kernel",
			       vm->o->kernel);
	if ((img[0x206] | img[0x207] << 8) < 0x0208)
		return -ENOENT;		/* no payload_offset field */
	off = ((img[0x1f1] ? img[0x1f1] : 4) + 1) * 512;
	poff = img[0x248] | img[0x249] << 8 | img[0x24a] << 16 |
	       (size_t)img[0x24b] << 24;
	plen = img[0x24c] | img[0x24d] << 8 | img[0x24e] << 16 |
	       (size_t)img[0x24f] << 24;
	if (off + poff > len || plen > len - off - poff)
		return vmm_err(vm, 0, "%s: bad payload in the bzImage",
			       vm->o->kernel);
	return pvh_decompress(vm, img + off + poff, plen, elf, elf_len);
}

static int pvh_note(const uint8_t *elf, size_t len, const Elf64_Phdr *ph,
		    uint64_t *entry)
{
	size_t off = ph->p_offset, end = off + ph->p_filesz;
	const Elf64_Nhdr *n;
	size_t sz;

	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return -EINVAL;
	while (off + sizeof(*n) <= end) {
		n = (const Elf64_Nhdr *)(elf + off);
		off += sizeof(*n);
		sz = ((n->n_namesz + 3) & ~3U) + ((n->n_descsz + 3) & ~3U);
		if (sz > end - off)
			return -EINVAL;
		if (n->n_type == XEN_ELFNOTE_PHYS32_ENTRY &&
		    n->n_namesz == 4 && !memcmp(elf + off, "Xen", 4) &&
		    n->n_descsz >= 4) {
			*entry = 0;
			memcpy(entry, elf + off + 4,
			       n->n_descsz >= 8 ? 8 : 4);
			return 0;
		}
		off += sz;
	}
	return -ENOENT;
}

/* Loads the PT_LOAD segments; returns the PVH entry point in @entry. */
static int pvh_load_elf(struct vm *vm, const uint8_t *elf, size_t len,
			uint64_t *entry, uint64_t *end)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	const Elf64_Phdr *ph;
	int i, found = -ENOENT;
	uint8_t *dst;

	if (len < sizeof(*eh) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_machine != EM_X86_64 || eh->e_phentsize != sizeof(*ph) ||
	    eh->e_phoff > len || eh->e_phnum * sizeof(*ph) > len - eh->e_phoff)
		return vmm_err(vm, 0, "%s: not an x86-64 ELF kernel",
			       vm->o->kernel);
	ph = (const Elf64_Phdr *)(elf + eh->e_phoff);
	*end = 0;
	for (i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type == PT_NOTE && found)
			found = pvh_note(elf, len, ph, entry);
		if (ph->p_type != PT_LOAD)
			continue;
		dst = vmm_gpa(vm, ph->p_paddr, ph->p_memsz);
		if (!dst || ph->p_filesz > ph->p_memsz ||
		    ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
			return vmm_err(vm, 0,
				       "%s: a segment does not fit in guest memory",
				       vm->o->kernel);
		memcpy(dst, elf + ph->p_offset, ph->p_filesz);
		memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
		if (ph->p_paddr + ph->p_memsz > *end)
			*end = ph->p_paddr + ph->p_memsz;
	}
	return found;
}

static int pvh_start_info(struct vm *vm, const uint8_t *initrd,
			  size_t initrd_len, uint64_t kernel_end)
{
	struct hvm_start_info *si = vmm_gpa(vm, VMM_PVH_INFO_ADDR, 4096);
	struct hvm_modlist_entry *mod = (void *)(si + 1);
	struct hvm_memmap_table_entry *mm = (void *)(mod + 1);
	struct vmm_e820 e820[VMM_E820_MAX];
	uint64_t addr = 0;
	int i, n, ret;

	memset(si, 0, 4096);
	si->magic = HVM_START_MAGIC;
	si->version = 1;
	si->cmdline_paddr = VMM_CMDLINE_ADDR;
	boot_cmdline(vm, VMM_CMDLINE_MAX - 1);
	if (initrd) {
		ret = boot_load_initrd(vm, initrd, initrd_len, 1ULL << 32,
				       kernel_end, &addr);
		if (ret)
			return ret;
		mod->paddr = addr;
		mod->size = initrd_len;
		si->nr_modules = 1;
		si->modlist_paddr = VMM_PVH_INFO_ADDR + sizeof(*si);
	}
	n = boot_e820(vm, e820);
	for (i = 0; i < n; i++) {
		mm[i].addr = e820[i].addr;
		mm[i].size = e820[i].size;
		mm[i].type = e820[i].type;
	}
	si->memmap_paddr = VMM_PVH_INFO_ADDR + ((uint8_t *)mm - (uint8_t *)si);
	si->memmap_entries = n;
	return 0;
}

int pvh_boot(struct vm *vm, const uint8_t *img, size_t len,
	     const uint8_t *initrd, size_t initrd_len)
{
	uint64_t entry = 0, end = 0;
	uint8_t *elf;
	size_t elf_len;
	int ret;

	ret = pvh_find_elf(vm, img, len, &elf, &elf_len);
	if (ret == -ENOENT && vm->o->entry == VMM_ENTRY_PVH)
		return vmm_err(vm, 0, "%s: no PVH entry (compressed with what we cannot unpack)",
			       vm->o->kernel);
	if (ret)
		return ret;
	ret = pvh_load_elf(vm, elf ? elf : img, elf_len, &entry, &end);
	free(elf);
	if (ret == -ENOENT) {
		if (vm->o->entry == VMM_ENTRY_PVH || !boot_is_bzimage(img, len))
			return vmm_err(vm, 0, "%s: the kernel has no PVH entry note",
				       vm->o->kernel);
		/* The bzImage path loads over what we loaded: start clean. */
		memset(vm->ram, 0, end < vm->ram_size ? end : vm->ram_size);
		return -ENOENT;
	}
	if (ret)
		return ret;
	ret = pvh_start_info(vm, initrd, initrd_len, end);
	if (ret)
		return ret;
	boot_gdt(vm);
	vm->entry_64 = false;
	vm->entry_rip = entry;
	vm->boot_reg = VMM_PVH_INFO_ADDR;
	return 0;
}
