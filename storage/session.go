package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-json-experiment/json"

	"github.com/orgplan/orgplan/storage/visible"
)

// A session is one running editor: its host and process id, which name
// its recovery copies and its lock on the plan. Another session of the
// same host is alive while its process is; one on another host (a shared
// folder) cannot be told, and is taken as alive.

var sessionID = sync.OnceValue(func() string {
	host, _ := os.Hostname()
	return cleanHost(host) + "-" + strconv.Itoa(os.Getpid())
})

// SessionID names this process's session: "host-pid".
func SessionID() string { return sessionID() }

func cleanHost(h string) string {
	h = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return -1
	}, h)
	if h == "" {
		return "host"
	}
	return h
}

// SessionAlive reports whether a session may still be running: "" (a
// copy from before sessions) has ended; one of this host is alive while
// its process is, unless it is this very process id left by an earlier
// process; another host's is taken as alive.
func SessionAlive(session string) bool {
	i := strings.LastIndexByte(session, '-')
	if i < 0 {
		return false
	}
	pid, err := strconv.Atoi(session[i+1:])
	host, _ := os.Hostname()
	switch {
	case err != nil:
		return false
	case session[:i] != cleanHost(host):
		return true
	case session == SessionID():
		return true
	case pid == os.Getpid():
		return false
	}
	return processAlive(pid)
}

// LockInfo is who holds a plan open.
type LockInfo struct {
	Session string    `json:"session"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

// String says who, for a person: "pid 4242 on laptop since 10:02".
func (l LockInfo) String() string {
	return fmt.Sprintf("pid %d on %s since %s", l.PID, visible.String(l.Host), l.Started.Local().Format("2006-01-02 15:04"))
}

// LockPath is the lock file of a plan.
func LockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".orgplan-lock")
}

// Lock takes the plan's lock for this session. When another live session
// holds it, it returns that session's LockInfo and takes nothing; a lock
// left by a process that has ended is taken over. release removes the
// lock if it is still this session's.
func Lock(path string) (release func(), holder *LockInfo, err error) {
	lp := LockPath(path)
	host, _ := os.Hostname()
	me := LockInfo{Session: SessionID(), Host: host, PID: os.Getpid(), Started: time.Now().UTC().Truncate(time.Second)}
	for range 2 {
		err = WriteTo(lp, WriteOptions{Target: Side, Exclusive: true}, func(w io.Writer) error {
			return json.MarshalWrite(w, me)
		})
		if err == nil {
			return func() {
				if cur, _ := readLock(lp); cur != nil && cur.Session == me.Session {
					_ = removeIfOurs(lp)
				}
			}, nil, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, nil, err
		}
		cur, rerr := readLock(lp)
		if rerr == nil && SessionAlive(cur.Session) {
			return nil, cur, nil
		}
		// Stale, or not a lock orgplan wrote: take it over.
		if rerr := removeIfOurs(lp); rerr != nil {
			return nil, nil, rerr
		}
	}
	return nil, nil, err
}

func readLock(lp string) (*LockInfo, error) {
	data, err := ReadInput(lp, nil)
	if err != nil {
		return nil, err
	}
	var l LockInfo
	if err := json.Unmarshal(data, &l); err != nil || l.Session == "" {
		return nil, fmt.Errorf("%s: not a lock", visible.String(lp))
	}
	return &l, nil
}

// EndedSession is a session of this host that no process can hold (pid
// 0): the name a crashed editor's copy has, for tests and tools.
func EndedSession() string {
	host, _ := os.Hostname()
	return cleanHost(host) + "-0"
}
