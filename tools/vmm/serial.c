// SPDX-License-Identifier: GPL-2.0
/*
 * A 16550A UART at 0x3f8, IRQ 4, wired to stdio: what the guest transmits
 * goes to stdout at once, what arrives on stdin is queued in the receive
 * FIFO. Enough of the chip for Linux's 8250 driver to probe it as a
 * 16550A and drive it by interrupts: the scratch register, loopback,
 * the FIFO bits of IIR, and the THRE interrupt's clear-on-IIR-read.
 *
 * A line "SANDBOX-VM-EXIT=N" from the guest ends the VM with status N:
 * the fallback for guests that cannot write to the exit port.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmm.h"

#define UART_RX		0	/* RBR/THR, DLL with DLAB */
#define UART_IER	1	/* DLM with DLAB */
#define UART_IIR	2	/* FCR on write */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_SCR	7

#define UART_LCR_DLAB	0x80
#define UART_IER_RDI	0x01
#define UART_IER_THRI	0x02
#define UART_IIR_NO_INT	0x01
#define UART_IIR_THRI	0x02
#define UART_IIR_RDI	0x04
#define UART_IIR_FIFO	0xc0
#define UART_FCR_ENABLE	0x01
#define UART_FCR_CLR_RX	0x02
#define UART_LSR_DR	0x01
#define UART_LSR_THRE	0x20
#define UART_LSR_TEMT	0x40
#define UART_MCR_LOOP	0x10
#define UART_MSR_DCD	0x80
#define UART_MSR_DSR	0x20
#define UART_MSR_CTS	0x10

#define SERIAL_MARKER	"SANDBOX-VM-EXIT="

void serial_init(struct vm *vm)
{
	struct serial *s = &vm->serial;

	pthread_mutex_init(&s->lock, NULL);
	s->lsr = UART_LSR_THRE | UART_LSR_TEMT;
	s->mcr = 0x08;	/* OUT2 */
}

static uint8_t serial_iir(struct serial *s)
{
	uint8_t fifo = s->fcr & UART_FCR_ENABLE ? UART_IIR_FIFO : 0;

	if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR))
		return UART_IIR_RDI | fifo;
	if ((s->ier & UART_IER_THRI) && s->thri)
		return UART_IIR_THRI | fifo;
	return UART_IIR_NO_INT | fifo;
}

/* Called with the lock held: drive IRQ 4 with the interrupt state. */
static void serial_update_irq(struct vm *vm)
{
	struct serial *s = &vm->serial;
	int level = !(serial_iir(s) & UART_IIR_NO_INT);
	struct kvm_irq_level irq = { .irq = VMM_SERIAL_IRQ, .level = level };

	if (level == s->irq_level || !vm->irqchip)
		return;
	s->irq_level = level;
	ioctl(vm->fd, KVM_IRQ_LINE, &irq);
}

static void serial_rx_push(struct serial *s, uint8_t c)
{
	if (s->rx_len == sizeof(s->rx))
		return;		/* overrun: the byte is lost, as on a UART */
	s->rx[(s->rx_head + s->rx_len++) % sizeof(s->rx)] = c;
	s->lsr |= UART_LSR_DR;
}

static void serial_marker(struct vm *vm, char c)
{
	struct serial *s = &vm->serial;
	size_t n = strlen(SERIAL_MARKER);
	char *end;
	long v;

	if (c != '\n' && c != '\r') {
		if (s->line_len < sizeof(s->line) - 1)
			s->line[s->line_len++] = c;
		return;
	}
	s->line[s->line_len] = '\0';
	s->line_len = 0;
	if (strncmp(s->line, SERIAL_MARKER, n))
		return;
	v = strtol(s->line + n, &end, 10);
	if (end != s->line + n && !*end && v >= 0 && v <= 255)
		vmm_end(vm, v, NULL);
}

static void serial_tx(struct vm *vm, uint8_t c)
{
	struct serial *s = &vm->serial;

	if (s->mcr & UART_MCR_LOOP) {
		serial_rx_push(s, c);
	} else {
		if (write(STDOUT_FILENO, &c, 1) < 0)
			s->line_len = 0;	/* nobody reads: drop it */
		serial_marker(vm, c);
	}
	s->thri = true;
}

static uint8_t serial_msr(struct serial *s)
{
	uint8_t m = s->mcr;

	if (!(m & UART_MCR_LOOP))
		return UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
	/* Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD. */
	return (m & 0x01) << 5 | (m & 0x02) << 3 | (m & 0x04) << 4 |
	       (m & 0x08) << 4;
}

static uint8_t serial_read(struct serial *s, unsigned int reg)
{
	uint8_t v = 0, iir;

	switch (reg) {
	case UART_RX:
		if (s->lcr & UART_LCR_DLAB)
			return s->dll;
		if (s->rx_len) {
			v = s->rx[s->rx_head];
			s->rx_head = (s->rx_head + 1) % sizeof(s->rx);
			if (!--s->rx_len)
				s->lsr &= ~UART_LSR_DR;
		}
		return v;
	case UART_IER:
		return s->lcr & UART_LCR_DLAB ? s->dlm : s->ier;
	case UART_IIR:
		iir = serial_iir(s);
		/* Reading IIR acknowledges a THRE interrupt. */
		if ((iir & 0x0f) == UART_IIR_THRI)
			s->thri = false;
		return iir;
	case UART_LCR:
		return s->lcr;
	case UART_MCR:
		return s->mcr;
	case UART_LSR:
		return s->lsr;
	case UART_MSR:
		return serial_msr(s);
	default:
		return s->scr;
	}
}

static void serial_write(struct vm *vm, unsigned int reg, uint8_t v)
{
	struct serial *s = &vm->serial;

	switch (reg) {
	case UART_RX:
		if (s->lcr & UART_LCR_DLAB)
			s->dll = v;
		else
			serial_tx(vm, v);
		break;
	case UART_IER:
		if (s->lcr & UART_LCR_DLAB) {
			s->dlm = v;
			break;
		}
		/* Enabling THRI with an empty THR interrupts at once. */
		if ((v & UART_IER_THRI) && !(s->ier & UART_IER_THRI))
			s->thri = true;
		s->ier = v & 0x0f;
		break;
	case UART_IIR:
		s->fcr = v;
		if (v & UART_FCR_CLR_RX) {
			s->rx_len = 0;
			s->lsr &= ~UART_LSR_DR;
		}
		break;
	case UART_LCR:
		s->lcr = v;
		break;
	case UART_MCR:
		s->mcr = v & 0x1f;
		break;
	case UART_SCR:
		s->scr = v;
		break;
	}
}

void serial_io(struct vm *vm, uint16_t port, bool write, uint8_t *data)
{
	struct serial *s = &vm->serial;

	pthread_mutex_lock(&s->lock);
	if (write)
		serial_write(vm, port - VMM_SERIAL_PORT, *data);
	else
		*data = serial_read(s, port - VMM_SERIAL_PORT);
	serial_update_irq(vm);
	pthread_mutex_unlock(&s->lock);
}

void serial_input(struct vm *vm, const uint8_t *buf, size_t len)
{
	struct serial *s = &vm->serial;
	size_t i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < len; i++)
		serial_rx_push(s, buf[i]);
	serial_update_irq(vm);
	pthread_mutex_unlock(&s->lock);
}
