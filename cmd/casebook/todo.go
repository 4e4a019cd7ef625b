package main

import (
	"errors"
	"io"
)

var errTodo = errors.New("not implemented yet")

func runNew(args []string, stdout, stderr io.Writer) error { return errTodo }
