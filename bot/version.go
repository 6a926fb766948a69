package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set at build time: go build -ldflags "-X main.version=v1.2.0 -X main.commit=abc123".
var (
	version = "dev"
	commit  = ""
)

func printVersion(w io.Writer) {
	c := commit
	if c == "" {
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" {
					c = s.Value
				}
			}
		}
	}
	if c == "" {
		c = "unknown"
	}
	fmt.Fprintf(w, "tkpkbot %s (commit %s, %s)\n", version, c, runtime.Version())
}
