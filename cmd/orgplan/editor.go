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
		o, err := storage.LoadKeyed(path, key)
		switch {
		case err == nil:
			if key != nil {
				if err := checkPins(e, path, o, false); err != nil {
					return err
				}
			}
			opts.Org, opts.Path, opts.Disk = o, path, tui.StatFile(path)
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
		if o, at, from, ok := storage.FindRecovery(opts.Path, opts.Key); ok {
			opts.Recovered, opts.RecoveredAt, opts.RecoveredFrom = o, at, from
		}
	}
	if err := tui.Run(opts, os.Stdin, os.Stdout); err != nil {
		return fail("%v", err)
	}
	return nil
}
