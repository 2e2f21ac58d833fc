# Production image for `fenz serve` and `fenz worker` (docker-compose.yaml runs both; docs/operations.md).
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl fenz-cli -am package

FROM eclipse-temurin:21.0.5_11-jre
# ffmpeg: duration probe and thumbnails; curl: the container healthcheck.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg curl && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/fenz /var/cache/fenz && chown 10001 /var/lib/fenz /var/cache/fenz
WORKDIR /app
COPY --from=build /src/fenz-cli/target/fenz.jar /app/fenz.jar
COPY --from=build /src/fenz-cli/target/lib /app/lib
USER 10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
# G1 marks the old generation only once it is three quarters full: a node's held feed cards keep it about
# half full, and left adaptive, G1 re-marked them all every second or so (docs/performance.md, memory budget).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=75", "-jar", "/app/fenz.jar"]
CMD ["serve"]
