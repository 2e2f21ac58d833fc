# Production image for `fenz serve` and `fenz worker`.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl fenz-cli -am package

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/fenz-cli/target/fenz.jar /app/fenz.jar
COPY --from=build /src/fenz-cli/target/lib /app/lib
USER 10001
ENTRYPOINT ["java", "-jar", "/app/fenz.jar"]
CMD ["serve"]
