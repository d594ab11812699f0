// Command core is the consumer check's use of the core alone: a policy from
// JSON and from the environment, compiled by New, and a bad one refused.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/corskit/corskit/core"
)

func main() {
	if err := run(); err != nil {
		fmt.Printf("%-6s FAIL  %v\n", "core", err)
		os.Exit(1)
	}
	fmt.Printf("%-6s ok    LoadJSON, FromEnv and New accept a policy · New refuses \"*\" with credentials\n", "core")
}

func run() error {
	p, err := core.LoadJSON(strings.NewReader(`{"allowedOrigins": ["https://app.example.com"], "maxAge": 600}`))
	if err != nil {
		return fmt.Errorf("LoadJSON: %w", err)
	}
	if _, err := core.New(p); err != nil {
		return fmt.Errorf("New(policy from JSON): %w", err)
	}

	os.Setenv("CONSUMER_ALLOWED_ORIGINS", "https://app.example.com,https://*.example.org")
	p, err = core.FromEnv("CONSUMER")
	if err != nil {
		return fmt.Errorf("FromEnv: %w", err)
	}
	if _, err := core.New(p); err != nil {
		return fmt.Errorf("New(policy from the environment): %w", err)
	}

	if _, err := core.New(core.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}); err == nil {
		return fmt.Errorf(`New accepted "*" origins with credentials`)
	}
	return nil
}
