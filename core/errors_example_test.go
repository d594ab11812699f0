package core_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/corskit/corskit/core"
)

// A program that takes its policy from a file or a form can point at the
// entry at fault: errors.As finds each kind of problem with its field,
// index, value and fix, and the joined error lists them all.
func ExampleOriginError() {
	_, err := core.New(core.Policy{
		AllowedOrigins:   []string{"https://app.example.com", "https://*.github.io"},
		AllowedMethods:   []string{"GET", "put"},
		AllowCredentials: true,
	})

	var oe *core.OriginError
	if errors.As(err, &oe) {
		fmt.Printf("%s[%d] = %q\n  why: %s\n  fix: %s\n", oe.Field, oe.Index, oe.Value, oe.Reason, oe.Fix)
	}
	var me *core.MethodError
	if errors.As(err, &me) {
		fmt.Printf("%s[%d] = %q\n  fix: %s\n", me.Field, me.Index, me.Value, me.Fix)
	}

	// Every problem, one per line, as New reports them.
	fmt.Println(err)
	// Output:
	// allowedOrigins[1] = "https://*.github.io"
	//   why: github.io is a public suffix: anyone can have a site under it, and with allowCredentials every one of those sites could make requests as your signed-in users and read the answers
	//   fix: list the exact origins of your own front ends, such as "https://yourapp.github.io", or a pattern under a name that is yours alone, such as "https://*.yourapp.github.io"
	// allowedMethods[1] = "put"
	//   fix: write "PUT"
	// cors policy: allowedOrigins[1] "https://*.github.io": github.io is a public suffix: anyone can have a site under it, and with allowCredentials every one of those sites could make requests as your signed-in users and read the answers; list the exact origins of your own front ends, such as "https://yourapp.github.io", or a pattern under a name that is yours alone, such as "https://*.yourapp.github.io"
	// cors policy: allowedMethods[1] "put": browsers always send this method in upper case; write "PUT"
}

// A policy file with a key written twice is refused rather than read with
// the last value silently winning.
func ExampleKeyError() {
	_, err := core.LoadJSON(strings.NewReader(`{
  "allowedOrigins": ["https://app.example.com"],
  "allowCredentials": true,
  "allowCredentials": false
}`))
	var ke *core.KeyError
	if errors.As(err, &ke) {
		fmt.Printf("%s %q on line %d\n", ke.Reason, ke.Field, ke.Line)
	}
	// Output:
	// repeated key "allowCredentials" on line 4
}
