/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroup v2 directory of a sandbox: one sandbox = one cgroup, created by
 * the tool under a parent it owns and handed to the module by fd.
 */
#ifndef _LIBSANDBOX_CGROUP_H
#define _LIBSANDBOX_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "sberror.h"

#define SB_CGROUP_ROOT		"/sys/fs/cgroup"
#define SB_CGROUP_PARENT	"sandbox"

/**
 * struct sb_cgroup - a sandbox's cgroup directory
 * @fd: O_RDONLY | O_DIRECTORY | O_CLOEXEC fd of the directory, or -1
 * @path: its absolute path
 */
struct sb_cgroup {
	int fd;
	char path[PATH_MAX];
};

/**
 * struct sb_cgroup_stats - what the controllers counted
 * @oom_kills: memory.events oom_kill
 * @memory_peak: memory.peak in bytes
 * @pids_peak: pids.peak
 * @cpu_usage_us: cpu.stat usage_usec
 * @cpu_user_us: cpu.stat user_usec
 * @cpu_system_us: cpu.stat system_usec
 * @memory_current: memory.current in bytes
 * @memory_max_hits: memory.events max: times usage hit memory.max
 * @pids_current: pids.current
 * @pids_max_hits: pids.events max: forks refused by pids.max
 * @io_rbytes: io.stat rbytes, summed over devices
 * @io_wbytes: io.stat wbytes
 * @io_rios: io.stat rios
 * @io_wios: io.stat wios
 * @has_memory_peak: the kernel has memory.peak (5.19 and later)
 * @has_pids_peak: the kernel has pids.peak
 * @has_cpu: cpu.stat could be read
 * @has_memory: memory.current could be read
 * @has_pids: pids.current could be read
 * @has_io: io.stat could be read
 */
struct sb_cgroup_stats {
	uint64_t oom_kills;
	uint64_t memory_peak;
	uint64_t pids_peak;
	uint64_t cpu_usage_us;
	uint64_t cpu_user_us;
	uint64_t cpu_system_us;
	uint64_t memory_current;
	uint64_t memory_max_hits;
	uint64_t pids_current;
	uint64_t pids_max_hits;
	uint64_t io_rbytes, io_wbytes, io_rios, io_wios;
	bool has_memory_peak;
	bool has_pids_peak;
	bool has_cpu;
	bool has_memory;
	bool has_pids;
	bool has_io;
};

/*
 * Creates SB_CGROUP_ROOT/SB_CGROUP_PARENT/@name-<pid>-<random> with the
 * memory, pids, cpu and io controllers available in it, and opens it.
 */
int sb_cgroup_create(struct sb_cgroup *cg, const char *name,
		     struct sb_error *e);
/* Closes and removes the directory: only while no sandbox owns it. */
int sb_cgroup_remove(struct sb_cgroup *cg);
/* Closes the fd; the directory is left to its owner (the module). */
void sb_cgroup_close(struct sb_cgroup *cg);
/* Reads a single unsigned value such as "pids.current" under @dirfd. */
int sb_cgroup_read_u64(int dirfd, const char *file, uint64_t *val);
/* Reads the value of @key from a flat-keyed file such as "cpu.stat". */
int sb_cgroup_read_key(int dirfd, const char *file, const char *key,
		       uint64_t *val);
int sb_cgroup_read_stats(int dirfd, struct sb_cgroup_stats *st);
/* Opens the cgroup v2 directory whose id is @id (CAP_DAC_READ_SEARCH). */
int sb_cgroup_open_id(uint64_t id);

#endif /* _LIBSANDBOX_CGROUP_H */
