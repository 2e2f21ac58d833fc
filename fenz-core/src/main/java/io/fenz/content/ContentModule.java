package io.fenz.content;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.fenz.content.adapter.FfmpegMediaTools;
import io.fenz.content.adapter.JdbiCategoryRepository;
import io.fenz.content.adapter.JdbiTagPreferenceRepository;
import io.fenz.content.adapter.JdbiTagRepository;
import io.fenz.content.adapter.JdbiUploadRepository;
import io.fenz.content.adapter.JdbiVideoRepository;
import io.fenz.content.adapter.S3MediaStore;
import io.fenz.content.app.VideoAccess;
import io.fenz.content.port.CategoryRepository;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.MediaTools;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.content.port.TagRepository;
import io.fenz.content.port.UploadRepository;
import io.fenz.content.port.VideoRepository;
import io.fenz.content.port.WatchPermission;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.Outbox;

@Module
public interface ContentModule {
  @Binds
  CategoryRepository categories(JdbiCategoryRepository impl);

  @Binds
  TagRepository tags(JdbiTagRepository impl);

  @Binds
  TagPreferenceRepository tagPreferences(JdbiTagPreferenceRepository impl);

  @Binds
  VideoRepository videos(JdbiVideoRepository impl);

  @Binds
  UploadRepository uploads(JdbiUploadRepository impl);

  @Binds
  MediaStore mediaStore(S3MediaStore impl);

  @Binds
  Outbox outbox(JdbiOutbox impl);

  @Binds
  WatchPermission watchPermission(VideoAccess impl);

  @Provides
  static MediaTools mediaTools() {
    return new FfmpegMediaTools();
  }
}
