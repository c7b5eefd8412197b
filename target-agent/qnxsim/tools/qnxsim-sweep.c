/*
 * qnxsim-sweep -- reclaims what dead processes left in qnxsim nodes.
 *
 *   qnxsim-sweep [NODE]      one node (default: $QNXSIM_NODE, else /qnxsim-<uid>)
 *   qnxsim-sweep --all       every qnxsim node among /dev/shm/qnxsim*
 *
 * A process that is killed cannot release its kernel objects; the next
 * process to attach reclaims them.  When a killed process was the last one
 * attached, nothing attaches again and the node's segment would stay in
 * /dev/shm: this tool attaches, which reclaims every dead process, and
 * leaves, which removes the segment when no live process remains.  A node
 * with live processes keeps running undisturbed.
 * Exit status: 0 (also when there is no such node), 1 on error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/neutrino.h>

/* Attaches to node and leaves; in a child, as a process holds one node.
 * With quiet, an object that is not a qnxsim node is skipped silently. */
static int sweep(const char *node, int quiet)
{
	int fd, status;
	pid_t pid;

	if (node[0] != '/') {
		fprintf(stderr, "qnxsim-sweep: node name must start with '/': %s\n", node);
		return 1;
	}
	fd = shm_open(node, O_RDONLY, 0);
	if (fd < 0)
		return errno == ENOENT ? 0 : (perror("qnxsim-sweep: shm_open"), 1);
	close(fd);
	if ((pid = fork()) == 0) {
		setenv("QNXSIM_NODE", node, 1);
		int chid = ChannelCreate(0);    /* attaching reclaims the dead */
		if (chid < 0 && quiet && errno == ENOTSUP)
			exit(0);
		if (chid < 0) {
			fprintf(stderr, "qnxsim-sweep: %s: %s\n", node, strerror(errno));
			exit(1);
		}
		ChannelDestroy(chid);
		exit(0);                        /* the last one out removes it */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int sweep_all(void)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	char node[300];
	int rc = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "qnxsim", 6) != 0)
			continue;
		snprintf(node, sizeof node, "/%s", e->d_name);
		rc |= sweep(node, 1);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	char def[64];
	const char *node = argc > 1 ? argv[1] : getenv("QNXSIM_NODE");

	if (node != NULL && strcmp(node, "--all") == 0)
		return sweep_all();
	if (node == NULL) {
		snprintf(def, sizeof def, "/qnxsim-%u", (unsigned)getuid());
		node = def;
	}
	return sweep(node, 0);
}
