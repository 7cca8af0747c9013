# Kronika: a static binary on a minimal, non-root image.
#   docker build -t kronika .
#   docker run -p 8080:8080 -v kronika-data:/data kronika
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same build line as README.md, made static.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/kronika ./cmd/kronika

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kronika /kronika
ENV KRONIKA_DATA=/data
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/kronika"]
CMD ["serve", "--addr", ":8080"]
