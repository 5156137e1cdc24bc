// SPDX-License-Identifier: GPL-2.0
/*
 * The sandbox's mount namespace.
 *
 * Plan: make every mount private, so nothing we do propagates to the host;
 * pivot into a scratch tmpfs (mounted over /tmp), which leaves the host's
 * root at /oldroot and gives us a writable place for /newroot; build the
 * sandbox's tree at /newroot from /oldroot; pivot into it and detach the
 * rest. The root is cloned with open_tree() and made read-only while still
 * detached, so it is never writable, not even for an instant. Mount points
 * are resolved with RESOLVE_IN_ROOT, so a symlink in a rootfs cannot point
 * a mount outside of it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "mounts.h"
#include "sbutil.h"

#define SB_STAGE	"/tmp"		/* host directory we stage on */
#define SB_OLDROOT	"/oldroot"	/* the host's root while staging */
#define SB_NEWROOT	"/newroot"	/* the sandbox's root while staging */

/* Host devices that every sandbox gets, bind-mounted from /dev. */
static const char *const sb_dev_nodes[] = {
	"null", "zero", "full", "random", "urandom", "tty",
};

static const struct {
	const char *target;
	const char *name;
} sb_dev_links[] = {
	{ "pts/ptmx", "ptmx" },
	{ "/proc/self/fd", "fd" },
	{ "/proc/self/fd/0", "stdin" },
	{ "/proc/self/fd/1", "stdout" },
	{ "/proc/self/fd/2", "stderr" },
};

/* Opens @path inside the tree rooted at @rootfd, never leaving it. */
static int sb_open_in_root(int rootfd, const char *path, struct sb_error *e)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));

	if (fd < 0)
		return sb_error_set(e, errno, "mount point %s", path);
	return fd;
}

/* Attaches the detached mount @mntfd on @dst and closes @mntfd. */
static int sb_attach(int mntfd, int rootfd, const char *dst,
		     struct sb_error *e)
{
	int dstfd, ret = 0;

	dstfd = sb_open_in_root(rootfd, dst, e);
	if (dstfd < 0) {
		close(mntfd);
		return dstfd;
	}
	if (move_mount(mntfd, "", dstfd, "",
		       MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH))
		ret = sb_error_set(e, errno, "mount on %s", dst);
	close(dstfd);
	close(mntfd);
	return ret;
}

static int sb_setattr(int fd, unsigned int flags, __u64 attrs,
		      const char *what, struct sb_error *e)
{
	struct mount_attr attr = { .attr_set = attrs };

	if (mount_setattr(fd, "", AT_EMPTY_PATH | flags, &attr, sizeof(attr)))
		return sb_error_set(e, errno, "set mount attributes of %s",
				    what);
	return 0;
}

/*
 * Returns a detached mount of a new @fstype with @opts (a comma-separated
 * list of key=value or flag words, may be NULL).
 */
static int sb_fs_new(const char *fstype, const char *opts, __u64 attrs,
		     struct sb_error *e)
{
	char buf[256], *word, *val, *save;
	int fsfd, mntfd, ret = 0;

	fsfd = fsopen(fstype, FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return sb_error_set(e, errno, "fsopen %s", fstype);
	snprintf(buf, sizeof(buf), "%s", opts ? opts : "");
	for (word = strtok_r(buf, ",", &save); word && !ret;
	     word = strtok_r(NULL, ",", &save)) {
		val = strchr(word, '=');
		if (val)
			*val++ = '\0';
		if (fsconfig(fsfd, val ? FSCONFIG_SET_STRING : FSCONFIG_SET_FLAG,
			     word, val, 0))
			ret = sb_error_set(e, errno, "%s option %s", fstype,
					   word);
	}
	if (!ret && fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		ret = sb_error_set(e, errno, "create a %s", fstype);
	if (ret) {
		close(fsfd);
		return ret;
	}
	mntfd = fsmount(fsfd, FSMOUNT_CLOEXEC, attrs);
	if (mntfd < 0)
		ret = sb_error_set(e, errno, "mount a %s", fstype);
	close(fsfd);
	return ret ? ret : mntfd;
}

static int sb_mount_fs(int rootfd, const char *dst, const char *fstype,
		       const char *opts, __u64 attrs, struct sb_error *e)
{
	int mntfd = sb_fs_new(fstype, opts, attrs, e);

	if (mntfd < 0)
		return mntfd;
	return sb_attach(mntfd, rootfd, dst, e);
}

/* Returns a detached copy of the host's tree at @hostpath. */
static int sb_clone_tree(const char *hostpath, unsigned int recursive,
			 struct sb_error *e)
{
	char path[PATH_MAX];
	int fd;

	if (snprintf(path, sizeof(path), SB_OLDROOT "%s", hostpath) >=
	    (int)sizeof(path))
		return sb_error_set(e, ENAMETOOLONG, "bind %s", hostpath);
	fd = open_tree(AT_FDCWD, path,
		       OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | recursive);
	if (fd < 0)
		return sb_error_set(e, errno, "bind %s", hostpath);
	return fd;
}

/* Private propagation, then a scratch tmpfs as root, the host's at /oldroot. */
static int sb_enter_staging(struct sb_error *e)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return sb_error_set(e, errno, "make mounts private");
	if (mount("sandbox", SB_STAGE, "tmpfs", MS_NOSUID | MS_NODEV,
		  "mode=0700"))
		return sb_error_set(e, errno, "mount a scratch tmpfs on %s",
				    SB_STAGE);
	if (mkdir(SB_STAGE SB_OLDROOT, 0700) ||
	    mkdir(SB_STAGE SB_NEWROOT, 0700))
		return sb_error_set(e, errno, "mkdir in the scratch tmpfs");
	if (syscall(SYS_pivot_root, SB_STAGE, SB_STAGE SB_OLDROOT) ||
	    chdir("/"))
		return sb_error_set(e, errno, "pivot_root to the scratch tmpfs");
	return 0;
}

/* The sandbox's root at /newroot: read-only, nosuid, nodev, recursively. */
static int sb_mount_root(const struct sb_container *c, struct sb_error *e)
{
	const char *what = c->rootfs ? c->rootfs : "/";
	int fd, ret;

	fd = sb_clone_tree(c->rootfs ? c->rootfs : "", AT_RECURSIVE, e);
	if (fd < 0)
		return fd;
	ret = sb_setattr(fd, AT_RECURSIVE, MOUNT_ATTR_RDONLY |
			 MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, what, e);
	if (!ret && move_mount(fd, "", AT_FDCWD, SB_NEWROOT,
			       MOVE_MOUNT_F_EMPTY_PATH))
		ret = sb_error_set(e, errno, "mount the root %s", what);
	close(fd);
	if (ret)
		return ret;
	fd = open(SB_NEWROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return sb_error_set(e, errno, "open %s", SB_NEWROOT);
	return fd;
}

static int sb_dev_node(int devfd, const char *name, struct sb_error *e)
{
	char host[32];
	int fd;

	fd = openat(devfd, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
		    0666);
	if (fd < 0)
		return sb_error_set(e, errno, "create /dev/%s", name);
	close(fd);
	snprintf(host, sizeof(host), "/dev/%s", name);
	fd = sb_clone_tree(host, 0, e);
	if (fd < 0)
		return fd;
	return sb_attach(fd, devfd, name, e);
}

/* Exactly the nodes listed, nothing else: no links, no devpts, no shm. */
static int sb_dev_only(int devfd, const char *const *devices,
		       struct sb_error *e)
{
	int ret;

	for (; *devices; devices++) {
		ret = sb_dev_node(devfd, *devices, e);
		if (ret)
			return ret;
	}
	return sb_setattr(devfd, 0, MOUNT_ATTR_RDONLY, "/dev", e);
}

/* Populates the /dev tmpfs at @devfd, then makes it read-only. */
static int sb_dev_populate(int devfd, const char *const *devices,
			   struct sb_error *e)
{
	size_t i;
	int ret;

	if (devices)
		return sb_dev_only(devfd, devices, e);
	for (i = 0; i < ARRAY_SIZE(sb_dev_nodes); i++) {
		ret = sb_dev_node(devfd, sb_dev_nodes[i], e);
		if (ret)
			return ret;
	}
	for (i = 0; i < ARRAY_SIZE(sb_dev_links); i++) {
		if (symlinkat(sb_dev_links[i].target, devfd,
			      sb_dev_links[i].name))
			return sb_error_set(e, errno, "symlink /dev/%s",
					    sb_dev_links[i].name);
	}
	if (mkdirat(devfd, "pts", 0755) || mkdirat(devfd, "shm", 0755))
		return sb_error_set(e, errno, "mkdir in /dev");
	/* Its own devpts instance: no access to the host's terminals. */
	ret = sb_mount_fs(devfd, "pts", "devpts",
			  "newinstance,ptmxmode=0666,mode=0620",
			  MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, e);
	if (!ret)
		ret = sb_mount_fs(devfd, "shm", "tmpfs", "mode=1777",
				  MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, e);
	if (!ret)
		ret = sb_setattr(devfd, 0, MOUNT_ATTR_RDONLY, "/dev", e);
	return ret;
}

/*
 * A tmpfs /dev with only the harmless devices: no /dev/sandbox, no kvm;
 * or with only @devices (a micro-VM's monitor: kvm).
 */
static int sb_mount_dev(int rootfd, const char *const *devices,
			struct sb_error *e)
{
	int devfd, ret;

	ret = sb_mount_fs(rootfd, "/dev", "tmpfs", "mode=0755,size=64k",
			  MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, e);
	if (ret)
		return ret;
	devfd = sb_open_in_root(rootfd, "/dev", e);
	if (devfd < 0)
		return devfd;
	ret = sb_dev_populate(devfd, devices, e);
	close(devfd);
	return ret;
}

static int sb_mount_std(const struct sb_container *c, int rootfd,
			struct sb_error *e)
{
	const __u64 safe = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT,
	};
	int ret, fd;

	ret = sb_mount_fs(rootfd, "/tmp", "tmpfs", "mode=1777", safe, e);
	if (!ret)
		ret = sb_mount_fs(rootfd, "/proc", "proc", NULL,
				  safe | MOUNT_ATTR_NOEXEC, e);
	if (!ret)
		ret = sb_mount_dev(rootfd, c->devices, e);
	if (ret)
		return ret;
	/* /run holds the host's sockets: hide it too, where there is one. */
	fd = syscall(SYS_openat2, rootfd, "/run", &how, sizeof(how));
	if (fd < 0)
		return 0;
	close(fd);
	return sb_mount_fs(rootfd, "/run", "tmpfs", "mode=0755", safe, e);
}

static int sb_mount_user(const struct sb_container *c, int rootfd,
			 const struct sb_mount *m, struct sb_error *e)
{
	char opts[64];
	int fd, ret;

	if (m->kind == SB_MOUNT_TMPFS) {
		/* Owned by the sandbox's user, who may then write to it. */
		snprintf(opts, sizeof(opts), "mode=0755,uid=%u,gid=%u",
			 (unsigned int)c->uid, (unsigned int)c->gid);
		return sb_mount_fs(rootfd, m->dst, "tmpfs", opts,
				   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, e);
	}
	fd = sb_clone_tree(m->src, AT_RECURSIVE, e);
	if (fd < 0)
		return fd;
	ret = sb_setattr(fd, AT_RECURSIVE, MOUNT_ATTR_NOSUID |
			 (m->kind == SB_MOUNT_RO_BIND ? MOUNT_ATTR_RDONLY : 0),
			 m->src, e);
	if (ret) {
		close(fd);
		return ret;
	}
	return sb_attach(fd, rootfd, m->dst, e);
}

/* Enters /newroot and drops everything else, the host's root included. */
static int sb_pivot(struct sb_error *e)
{
	if (chdir(SB_NEWROOT))
		return sb_error_set(e, errno, "chdir %s", SB_NEWROOT);
	/* The old root ends up stacked on ".", from where we detach it. */
	if (syscall(SYS_pivot_root, ".", "."))
		return sb_error_set(e, errno, "pivot_root");
	if (umount2(".", MNT_DETACH))
		return sb_error_set(e, errno, "detach the old root");
	if (chdir("/"))
		return sb_error_set(e, errno, "chdir /");
	return 0;
}

int sb_mounts_setup(const struct sb_container *c, struct sb_error *e)
{
	size_t i;
	int rootfd, ret;

	ret = sb_enter_staging(e);
	if (ret)
		return ret;
	rootfd = sb_mount_root(c, e);
	if (rootfd < 0)
		return rootfd;
	ret = sb_mount_std(c, rootfd, e);
	for (i = 0; !ret && i < c->nr_mounts; i++)
		ret = sb_mount_user(c, rootfd, &c->mounts[i], e);
	close(rootfd);
	return ret ? ret : sb_pivot(e);
}
