package tui

import (
	"os"
	"runtime/pprof"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

func TestZZProf(t *testing.T) {
	p := os.Getenv("ZZ_PLAN")
	if p == "" {
		t.Skip()
	}
	o, err := storage.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Org: o, Path: p})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	_ = m.View()
	settle(t, m)
	m.Update(keyMsg("j"))
	m.Update(keyMsg("j"))
	f, _ := os.Create("/tmp/zz.prof")
	pprof.StartCPUProfile(f)
	for i := 0; i < 5; i++ {
		u := m.tree.selected()
		t0 := time.Now()
		m.apply(model.RenameUnit{ID: u.ID, Name: "R"}, "")
		_ = m.View()
		t.Logf("rename %v", time.Since(t0))
		t0 = time.Now()
		m.Update(keyMsg("u"))
		_ = m.View()
		t.Logf("undo %v", time.Since(t0))
	}
	for _, tab := range []string{"1", "2", "4", "6"} {
		m.Update(keyMsg(tab))
		settle(t, m)
		for _, u := range []*model.Unit{o.Units[0], o.Units[0].Units[1], o.Units[0].Units[1].Units[2], o.Units[0].Units[1].Units[2].Units[3]} {
			p := u.Posts[0]
			op, _ := o.SetHolder(p.ID, "")
			if p.Holder == "" {
				op, _ = o.SetHolder(p.ID, o.Members[5].ID)
			}
			t0 := time.Now()
			m.apply(op, "")
			_ = m.View()
			t.Logf("tab %s holder at depth %d: %v", tab, u.Depth(), time.Since(t0))
			m.Update(keyMsg("u"))
		}
	}
	t0 := time.Now()
	m.Update(keyMsg("*"))
	_ = m.View()
	t.Logf("* %v", time.Since(t0))
	t0 = time.Now()
	m.Update(keyMsg("j"))
	_ = m.View()
	t.Logf("j %v", time.Since(t0))
	pprof.StopCPUProfile()
}
