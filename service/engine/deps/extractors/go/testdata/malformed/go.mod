module example.com/broken

go 1.20

require (
	github.com/pkg/errors v0.9.1
	github.com/stretchr/testify
	github.com/google/go-cmp v0.5.9 v0.6.0
)

replace github.com/pkg/errors v0.9.1
