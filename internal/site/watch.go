package site

import (
	"context"
	"time"

	// Already in the module graph through Hugo, whose own watcher uses it.
	"github.com/fsnotify/fsnotify"
)

// settle is how long the cases watcher waits after a file system event for
// more (an editor's save is often several writes and a rename).
const settle = 20 * time.Millisecond

// slowPoll is how often the cases folder is still looked at when the file
// system reports changes itself, in case it misses some (network and
// virtual machine mounts).
const slowPoll = 2 * time.Second

// watchCases calls changed whenever a file in dir is added, removed or
// modified: as soon as the file system reports it (with fsnotify, as
// Hugo's own watcher does), else when a poll every `every` sees it. It
// compares snapshot of dir (names, sizes, times, inodes; a link's target
// file), so events that change nothing do not call changed.
func watchCases(ctx context.Context, dir string, every time.Duration, last string, changed func()) {
	w, err := fsnotify.NewWatcher()
	if err == nil {
		if err = w.Add(dir); err != nil {
			w.Close()
		}
	}
	if err != nil {
		watch(ctx, dir, every, last, changed)
		return
	}
	defer w.Close()
	poll := time.NewTicker(max(every, slowPoll))
	defer poll.Stop()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	look := func() {
		if s := snapshot(dir); s != last {
			last = s
			changed()
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-w.Events:
			if !ok {
				watch(ctx, dir, every, last, changed)
				return
			}
			quiet.Reset(settle)
		case _, ok := <-w.Errors: // events lost: look now
			if !ok {
				watch(ctx, dir, every, last, changed)
				return
			}
			look()
		case <-quiet.C:
			look()
		case <-poll.C:
			look()
		}
	}
}
