package main

import (
	"errors"
	"io"
)

var errTodo = errors.New("not implemented yet")

func runServe(args []string, stdout, stderr io.Writer) error { return errTodo }
func runNew(args []string, stdout, stderr io.Writer) error   { return errTodo }
