package crawler

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// LockFile is the crawl lock's file, relative to the data directory.
const LockFile = "crawl/lock"

// Lock is the exclusive right of one process to crawl into a data
// directory. It is an advisory lock (flock) on LockFile, so the kernel
// releases it when its holder dies, however it dies; the file names the
// holder's pid while the lock is held.
type Lock struct {
	f *os.File
	// Stale is the pid of a process that died holding the lock, which
	// this lock took over; 0 when the lock was free.
	Stale int
}

// LockedError says which live process holds the crawl lock.
type LockedError struct {
	PID   int
	Since time.Time
}

// Error names the holder.
func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("another crawl is running on this data directory (pid %d, since %s)", e.PID, e.Since.Format(time.RFC3339))
	}
	return "another crawl is running on this data directory"
}

// Unwrap makes a LockedError match ErrBusy.
func (e *LockedError) Unwrap() error { return ErrBusy }

// AcquireLock takes the crawl lock of dataDir without waiting. When a live
// process holds it, the error is a *LockedError.
func AcquireLock(dataDir string) (*Lock, error) {
	path := filepath.Join(dataDir, filepath.FromSlash(LockFile))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create lock directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open crawl lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, since := readLockHolder(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{PID: pid, Since: since}
		}
		return nil, fmt.Errorf("take crawl lock: %w", err)
	}
	// A holder that released the lock emptied the file; a pid left in it
	// is a process that died holding the lock.
	l := &Lock{f: f}
	if pid, _ := readLockHolder(f); pid > 0 && pid != os.Getpid() {
		l.Stale = pid
	}
	if err := f.Truncate(0); err != nil {
		l.Release()
		return nil, fmt.Errorf("write crawl lock: %w", err)
	}
	if _, err := f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))), 0); err != nil {
		l.Release()
		return nil, fmt.Errorf("write crawl lock: %w", err)
	}
	return l, nil
}

func readLockHolder(f *os.File) (int, time.Time) {
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 256))
	if err != nil {
		return 0, time.Time{}
	}
	fields := strings.Fields(string(b))
	if len(fields) == 0 {
		return 0, time.Time{}
	}
	pid, _ := strconv.Atoi(fields[0])
	var since time.Time
	if len(fields) > 1 {
		since, _ = time.Parse(time.RFC3339, fields[1])
	}
	return pid, since
}

// Release empties the lock file and releases the lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
	if err != nil {
		return fmt.Errorf("release crawl lock: %w", err)
	}
	return nil
}
