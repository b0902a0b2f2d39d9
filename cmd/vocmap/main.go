// Command vocmap matches vocational-education supply against the labour
// demand of a province's industry map. Run `vocmap --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(runMain(context.Background(), os.Args[1:])) }

// runMain runs vocmap as a process under ctx: the first SIGINT or SIGTERM
// cancels the context with the signal as its cause (the command stops
// cleanly and exits 130 or 143, whatever it was doing); a second one kills
// the process.
func runMain(ctx context.Context, args []string) int {
	ctx, cancel := context.WithCancelCause(ctx)
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
