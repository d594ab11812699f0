module github.com/corskit/corskit/adapters/echo

go 1.21
