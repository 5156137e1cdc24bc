// SPDX-License-Identifier: GPL-2.0
/*
 * Boot protocol conformance reporter, built for the 32-bit and the 64-bit
 * entry of bzhdr.S: reads the zero page the monitor built and reports on
 * the UART what a kernel would see, then writes 0 to the exit port.
 *
 *   entry=64|32
 *   loader=TYPE_OF_LOADER
 *   cmdline=THE COMMAND LINE
 *   e820=ADDR SIZE TYPE		(one line per entry, hex)
 *   initrd=ADDR SIZE CRC32		(hex; 0 0 0 without one)
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#ifdef __x86_64__
__asm__(".section .text.entry\n"
	".globl _start\n_start:\n"
	"mov %rsi, %rdi\n"
	"mov $0x90000, %rsp\n"
	"call report\n"
	"1: hlt\njmp 1b\n");
#else
__asm__(".section .text.entry\n"
	".globl _start\n_start:\n"
	"mov $0x90000, %esp\n"
	"push %esi\n"
	"call report\n"
	"1: hlt\njmp 1b\n");
#endif

static inline void port_out(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 port_in(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void putch(char c)
{
	while (!(port_in(0x3fd) & 0x20))
		;
	port_out(0x3f8, c);
}

static void puts_(const char *s)
{
	while (*s)
		putch(*s++);
}

static void puthex(u64 v)
{
	int i, started = 0;

	for (i = 60; i >= 0; i -= 4) {
		int d = (v >> i) & 0xf;

		if (d || started || !i) {
			putch("0123456789abcdef"[d]);
			started = 1;
		}
	}
}

static u32 crc32(const u8 *p, u32 len)
{
	u32 crc = 0xffffffff;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc;
}

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

void report(u8 *zp)
{
	u32 addr = get32(zp + 0x218), size = get32(zp + 0x21c);
	const u8 *e;
	int i;

	puts_(sizeof(long) == 8 ? "entry=64\n" : "entry=32\n");
	puts_("loader=");
	puthex(zp[0x210]);
	puts_("\ncmdline=");
	puts_((const char *)(unsigned long)get32(zp + 0x228));
	putch('\n');
	for (i = 0; i < zp[0x1e8]; i++) {
		e = zp + 0x2d0 + 20 * i;
		puts_("e820=");
		puthex(get64(e));
		putch(' ');
		puthex(get64(e + 8));
		putch(' ');
		puthex(get32(e + 16));
		putch('\n');
	}
	puts_("initrd=");
	puthex(addr);
	putch(' ');
	puthex(size);
	putch(' ');
	puthex(size ? crc32((const u8 *)(unsigned long)addr, size) : 0);
	putch('\n');
	port_out(0xf4, 0);
}
