package main

import (
	"fmt"
	"os"
	"time"

	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// Long work says how far it has come on stderr, when that is a terminal.

// progressAfter is how long work runs before its progress line shows:
// a second, or $ORGPLAN_PROGRESS_AFTER (such as "0s" or "250ms").
var progressAfter = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("ORGPLAN_PROGRESS_AFTER")); err == nil && d >= 0 {
		return d
	}
	return time.Second
}()

// loadingLine shows how far a load has come on stderr, when it is a
// terminal and the load has taken more than a second, ten times a
// second; the returned func ends it and clears the line.
func loadingLine(e *env, path string, pr *storage.Progress) (stop func()) {
	if !isTerminal(e.stderr) {
		return func() {}
	}
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		start, shown := time.Now(), false
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(e.stderr, "\r\x1b[K")
				}
				return
			case now := <-tick.C:
				if now.Sub(start) < progressAfter {
					continue
				}
				shown = true
				stage, _, _ := pr.Now()
				fmt.Fprintf(e.stderr, "\r\x1b[K%s: %s %3.0f%% · %s", visible.String(path), stage, 100*pr.Fraction(), pr.Counts())
			}
		}
	}()
	return func() {
		close(done)
		<-ended // the line is gone before the report or an error prints
	}
}

// progressLine reports progress on stderr when it is a terminal and the
// work has taken more than a second, at most ten times a second; the line
// is cleared at the end (done == total).
func progressLine(e *env, what string) func(done, total int) {
	if !isTerminal(e.stderr) {
		return nil
	}
	start, last, shown := time.Now(), time.Time{}, false
	return func(done, total int) {
		now := time.Now()
		switch {
		case done >= total:
			if shown {
				fmt.Fprint(e.stderr, "\r\x1b[K") // the line goes, the report follows
			}
		case now.Sub(start) >= progressAfter && now.Sub(last) >= 100*time.Millisecond:
			last, shown = now, true
			fmt.Fprintf(e.stderr, "\r%s: %d of %d", what, done, total)
		}
	}
}
