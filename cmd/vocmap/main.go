// Command vocmap matches vocational-education supply against the labour
// demand of a province's industry map. Run `vocmap --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(runMain(os.Args[1:])) }

// runMain runs vocmap as a process: the first SIGINT or SIGTERM cancels
// the context (the command stops cleanly and exits 130 or 143); a second
// one kills the process.
func runMain(args []string) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if s, ok := <-sigs; ok {
			signal.Stop(sigs)
			cancel(signalCause{s})
		}
	}()
	return Main(ctx, args, os.Stdin, os.Stdout, os.Stderr)
}
