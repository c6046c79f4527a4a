# OtterTrend in a container: build with the same command CI runs, run as a non-root user with the database on a
# volume and settings from an env file (docker-compose.yml shows a paper bot and a live bot side by side).

# --- build stage: the project's own test command builds and tests everything -------------------------------
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN ./run-tests -B \
 && cp cli/target/ottertrend.jar /ottertrend.jar

# --- runtime stage ------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jdk
RUN useradd --system --create-home --uid 10001 otter \
 && mkdir -p /data /app \
 && chown otter:otter /data
COPY --from=build /ottertrend.jar /app/ottertrend.jar
USER otter
WORKDIR /data
VOLUME ["/data"]
ENV DB_PATH=/data/ottertrend.db \
    NO_COLOR=1
# The Vector API is an incubator module: a jar manifest cannot add it, so the options are given here.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-XX:+UseSerialGC", "-jar", "/app/ottertrend.jar"]
CMD ["paper", "--plain"]
