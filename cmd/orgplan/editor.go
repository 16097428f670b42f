package main

import (
	"errors"
	"io/fs"
	"os"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/tui"
)

// showProgressFrom is the size of plan whose opening shows its progress
// (a 32 MB plan, about 20,000 units, opens in a quarter of a second).
const showProgressFrom = 32 << 20

// load reads the plan, showing how far it has come when it is big and
// the output is a terminal.
func load(path string, key *storage.Key) (*model.Org, error) {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() < showProgressFrom || !isTerminal(os.Stdout) {
		return storage.LoadKeyed(path, key)
	}
	var o *model.Org
	var pr storage.Progress
	err = tui.Opening(path, fi.Size(), &pr, func() (err error) {
		o, err = storage.LoadProgress(path, key, &pr)
		return err
	}, os.Stdin, os.Stdout)
	return o, err
}

// openEditor loads what the editor should show and runs it. A load error
// ends here, before the terminal is touched, with the same lines as check.
func openEditor(e *env, args []string) error {
	opts := tui.Options{Config: editorConfig()}
	switch {
	case len(args) == 0:
		b, _ := examples.Get(examples.Default)
		o, err := storage.Decode(examples.FileName(examples.Default), b)
		if err != nil {
			return fail("%v", err)
		}
		opts.Org, opts.Title = o, examples.FileName(examples.Default)
	default:
		path := args[0]
		_, statErr := os.Stat(path)
		var key *storage.Key
		var err error
		if storage.Encrypted(path) || storage.EncryptedData(head(path)) {
			key, err = keyForData(path, head(path), errors.Is(statErr, fs.ErrNotExist))
		}
		if err != nil {
			return fail("%v", err)
		}
		opts.Key = key
		storage.SweepTemps(path)
		o, err := load(path, key)
		switch {
		case err == nil:
			if key != nil {
				if err := checkPins(e, path, o, false); err != nil {
					return err
				}
			}
			opts.Org, opts.Path, opts.Disk = o, path, tui.StatFile(path)
		case errors.Is(err, tui.ErrOpenCanceled):
			return fail("%v", err)
		case errors.Is(err, fs.ErrNotExist):
			opts.Org, opts.Path, opts.New = model.New("New organization"), path, true
		default:
			return &exitError{code: exitUsage, err: describeLoadError(path, err)}
		}
	}
	if opts.Path != "" {
		// The lock says to a second editor who has the plan; a folder that
		// refuses it (read-only) just goes without.
		if release, holder, err := storage.Lock(opts.Path); err == nil {
			if release != nil {
				defer release()
			}
			opts.LockedBy = holder
		}
		if rec, ok := storage.FindRecovery(opts.Path, opts.Key); ok {
			opts.Recovery = rec
		}
	}
	if err := tui.Run(opts, os.Stdin, os.Stdout); err != nil {
		return fail("%v", err)
	}
	return nil
}
