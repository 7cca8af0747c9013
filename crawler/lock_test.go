package crawler

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Stale != 0 {
		t.Errorf("fresh lock reports a stale holder %d", l.Stale)
	}
	_, err = AcquireLock(dir)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want a *LockedError naming pid %d", err, os.Getpid())
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l, err = AcquireLock(dir)
	if err != nil || l.Stale != 0 {
		t.Fatalf("lock after release: %v, stale %d", err, l.Stale)
	}
	l.Release()
}

func TestLockTakesOverFromDeadProcess(t *testing.T) {
	dir := t.TempDir()
	// A process that died holding the lock left its pid in the file; the
	// kernel released its flock.
	path := filepath.Join(dir, filepath.FromSlash(LockFile))
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte("12345 2024-05-06T10:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if l.Stale != 12345 {
		t.Errorf("stale holder %d, want 12345", l.Stale)
	}
}
