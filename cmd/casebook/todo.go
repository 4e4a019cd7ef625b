package main

import (
	"errors"
	"io"
)

var errTodo = errors.New("not implemented yet")

func runGenerate(args []string, stdout, stderr io.Writer) error { return errTodo }
func runBuild(args []string, stdout, stderr io.Writer) error    { return errTodo }
func runServe(args []string, stdout, stderr io.Writer) error    { return errTodo }
func runNew(args []string, stdout, stderr io.Writer) error      { return errTodo }
