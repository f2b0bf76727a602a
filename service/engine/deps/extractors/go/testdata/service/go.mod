module dev.azure.com/contoso/platform/_git/inventory-service

go 1.21

require (
	github.com/gin-gonic/gin v1.9.0
	github.com/golang-jwt/jwt/v4 v4.4.2
	github.com/google/uuid v1.3.0
	github.com/jackc/pgx/v5 v5.4.3
	go.uber.org/zap v1.26.0
	golang.org/x/crypto v0.14.0
	google.golang.org/grpc v1.58.2
)

require (
	github.com/bytedance/sonic v1.9.1 // indirect
	github.com/gabriel-vasile/mimetype v1.4.2 // indirect
	github.com/go-playground/validator/v10 v10.14.0 // indirect
	github.com/golang/protobuf v1.5.3 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/mattn/go-isatty v0.0.19 // indirect
	github.com/pelletier/go-toml/v2 v2.0.8 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/net v0.15.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
	golang.org/x/text v0.13.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20230822172742-b8732ec3820d // indirect
	google.golang.org/protobuf v1.31.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
