module github.com/corskit/corskit/adapters/fiber

go 1.21
