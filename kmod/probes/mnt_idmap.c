// SPDX-License-Identifier: GPL-2.0
/* VFS helpers take a struct mnt_idmap (6.3+), not a struct user_namespace. */
#include <linux/fs.h>
#include <linux/mnt_idmapping.h>

int probe(struct inode *dir, struct dentry *dentry);

int probe(struct inode *dir, struct dentry *dentry)
{
	return vfs_rmdir(&nop_mnt_idmap, dir, dentry);
}
