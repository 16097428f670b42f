package tui

import (
	"os"
	"runtime/pprof"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/storage"
)

func TestZZProf(t *testing.T) {
	p := os.Getenv("ZZ_PLAN")
	if p == "" {
		t.Skip()
	}
	t0 := time.Now()
	o, err := storage.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(t0))
	f, _ := os.Create("/tmp/zz.prof")
	pprof.StartCPUProfile(f)
	t0 = time.Now()
	m := New(Options{Org: o, Path: p})
	t.Logf("New %v", time.Since(t0))
	t0 = time.Now()
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	_ = m.View()
	t.Logf("frame %v", time.Since(t0))
	t0 = time.Now()
	settle(t, m)
	t.Logf("jobs %v", time.Since(t0))
	for _, k := range []string{"2", "3", "4", "6", "1", "*", "j", "r", "x", "enter"} {
		t0 = time.Now()
		m.Update(keyMsg(k))
		_ = m.View()
		t.Logf("key %s %v", k, time.Since(t0))
		t0 = time.Now()
		settle(t, m)
		t.Logf("  jobs %v", time.Since(t0))
	}
	pprof.StopCPUProfile()
}
