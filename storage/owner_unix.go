//go:build unix

package storage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"syscall"
)

// keepOwner gives a replacement file the owner and group of the file it
// replaces, as far as the process may: in a group folder the others keep
// their access after one member saves.
func keepOwner(f *os.File, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		if f.Chown(int(st.Uid), int(st.Gid)) != nil {
			f.Chown(-1, int(st.Gid)) //nolint:errcheck // the group alone, when the owner cannot be given
		}
	}
}

// ownedByMe reports whether the process's user owns a file.
func ownedByMe(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Geteuid()
}

// openNoBlock opens for reading without waiting for a FIFO's writer, so
// that a FIFO given as a plan is refused at once.
const openNoBlock = syscall.O_NONBLOCK

// processAlive reports whether a process of this host is running (or
// runs as someone else: still alive).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return (err == nil || errors.Is(err, syscall.EPERM)) && !zombie(pid)
}

// zombie reports whether a process has ended but was not reaped (its
// parent gone, and nothing reaping orphans, as in some containers): a
// signal still reaches it, yet it runs no more. Linux says so in
// /proc; elsewhere the answer is no.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// "pid (command) state …": the command may hold spaces and parentheses.
	i := bytes.LastIndexByte(b, ')')
	return i >= 0 && i+2 < len(b) && b[i+2] == 'Z'
}
