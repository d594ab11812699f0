module github.com/corskit/corskit/adapters/echo5

go 1.25.0

require (
	github.com/corskit/corskit/core v0.1.0
	github.com/labstack/echo/v5 v5.0.0
)

require golang.org/x/net v0.49.0 // indirect

replace github.com/corskit/corskit/core => ../../core
