# Kronika: a static binary on a minimal, non-root image.
#   docker build -t kronika .
#   docker run -p 8080:8080 -v kronika-data:/data kronika
# The image holds the product only (./cmd/kronika); the benchmarks and
# evaluations (./cmd/kronika-lab) stay out of it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same build line as README.md, made static.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/kronika ./cmd/kronika
# The data directory, created here because the final image has no shell.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kronika /kronika
# /data must exist in the image and belong to nonroot (uid and gid 65532):
# when a container mounts a new, empty named volume there (docker run -v
# kronika-data:/data), Docker copies the image directory's contents, owner
# and mode into the volume. Without it the volume's root belongs to root
# and the server cannot create its index. COPY --chown creates /data with
# that owner. (A bind-mounted host directory keeps its own owner.)
COPY --from=build --chown=65532:65532 /out/data /data
ENV KRONIKA_DATA=/data
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/kronika"]
CMD ["serve", "--addr", ":8080"]
