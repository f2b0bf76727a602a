// The edge-agent: local forks, a toolchain pin and a retracted range of our own.
module github.com/contoso/edge-agent

go 1.22.1

toolchain go1.22.5

require github.com/sirupsen/logrus v1.8.1

require (
	github.com/contoso/edge-proto v0.4.0
	github.com/hashicorp/go-retryablehttp v0.7.1
	golang.org/x/net v0.17.0 // indirect; pinned by security review
	gopkg.in/yaml.v2 v2.2.8
	k8s.io/client-go v0.28.2
)

replace github.com/contoso/edge-proto => ../edge-proto

replace (
	github.com/hashicorp/go-retryablehttp v0.7.1 => github.com/hashicorp/go-retryablehttp v0.7.7
	gopkg.in/yaml.v2 v2.2.7 => gopkg.in/yaml.v2 v2.4.0
	k8s.io/client-go => github.com/contoso/client-go-fork v0.28.2-contoso.1
)

exclude (
	github.com/sirupsen/logrus v1.8.1
	github.com/sirupsen/logrus v1.9.0
)

retract [v0.1.0, v0.1.3] // published with a broken proto

tool github.com/golang/mock/mockgen
