package io.fenz.platform.cleanup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.platform.json.Json;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class RedisCleanupQueue implements CleanupQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RedisCleanupQueue.class);
  private static final ObjectMapper JSON = Json.mapper();
  private final RedisStore redis;

  @Inject
  public RedisCleanupQueue(RedisStore redis) {
    this.redis = redis;
  }

  @Override
  public boolean offer(CleanupTask task) {
    try {
      redis.client().rpush(redis.key("cleanup:queue"), JSON.writeValueAsString(task));
      return true;
    } catch (RuntimeException | JsonProcessingException e) {
      LOG.error(
          "cleanup task {} lost ({}); cache TTLs will expire the stale entry",
          task,
          e.getMessage());
      return false;
    }
  }

  @Override
  public Optional<CleanupTask> poll() {
    String raw = redis.client().lpop(redis.key("cleanup:queue"));
    return Optional.ofNullable(raw).map(RedisCleanupQueue::parse);
  }

  @Override
  public void deadLetter(CleanupTask task) {
    try {
      redis.client().rpush(redis.key("cleanup:dead"), JSON.writeValueAsString(task));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int replayDead() {
    int moved = 0;
    for (String raw = redis.client().lpop(redis.key("cleanup:dead"));
        raw != null;
        raw = redis.client().lpop(redis.key("cleanup:dead"))) {
      CleanupTask task = parse(raw);
      offer(new CleanupTask(task.kind(), task.id(), task.ids(), task.key(), 0, 0));
      moved++;
    }
    return moved;
  }

  @Override
  public long size() {
    return redis.client().llen(redis.key("cleanup:queue"));
  }

  @Override
  public List<CleanupTask> dead() {
    List<CleanupTask> tasks = new ArrayList<>();
    for (String raw : redis.client().lrange(redis.key("cleanup:dead"), 0, -1)) {
      tasks.add(parse(raw));
    }
    return tasks;
  }

  private static CleanupTask parse(String raw) {
    try {
      return JSON.readValue(raw, CleanupTask.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable cleanup task: " + raw, e);
    }
  }
}
