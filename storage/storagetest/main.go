// Package storagetest runs a package's tests with the user's folders out
// of reach: the cache folder (where recovery copies go when a plan's
// folder refuses them) is a temporary one, and every temporary folder a
// run makes is removed when it ends, so that runs leave nothing behind.
package storagetest

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

var (
	mu   sync.Mutex
	dirs []string
)

// Main is a TestMain: it isolates the cache folder, runs the tests and
// removes what they made with Dir, then exits with their status. A child
// process a test starts (for a crash) must be handled before Main.
func Main(m *testing.M) {
	dir, err := Dir("orgplan-cache")
	if err == nil {
		err = os.Setenv("XDG_CACHE_HOME", dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "no cache folder of its own for the run:", err)
		os.Exit(2)
	}
	code := m.Run()
	mu.Lock()
	for _, d := range dirs {
		if err := os.RemoveAll(d); err != nil {
			fmt.Fprintln(os.Stderr, "left behind:", err)
		}
	}
	mu.Unlock()
	os.Exit(code)
}

// Dir makes a temporary folder that lasts the whole run, for what tests
// share (a built binary, a generated plan), unlike t.TempDir.
func Dir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	mu.Lock()
	dirs = append(dirs, dir)
	mu.Unlock()
	return dir, nil
}
