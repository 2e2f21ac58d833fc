package io.fenz.content;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.fenz.content.adapter.CachedTagPreferences;
import io.fenz.content.adapter.CaffeineRecentlyListed;
import io.fenz.content.adapter.ContentForCreators;
import io.fenz.content.adapter.DiskCachedMediaStore;
import io.fenz.content.adapter.FfmpegMediaTools;
import io.fenz.content.adapter.FollowedVideoDirectory;
import io.fenz.content.adapter.IdentityAdminCheck;
import io.fenz.content.adapter.JdbiCategoryRepository;
import io.fenz.content.adapter.JdbiDirectoryRows;
import io.fenz.content.adapter.JdbiTagRepository;
import io.fenz.content.adapter.JdbiUploadRepository;
import io.fenz.content.adapter.JdbiVideoRepository;
import io.fenz.content.adapter.JdbiViewRepository;
import io.fenz.content.adapter.RedisViewBuffer;
import io.fenz.content.app.AccountContent;
import io.fenz.content.app.DiscardMedia;
import io.fenz.content.app.VideoAccess;
import io.fenz.content.port.AdminCheck;
import io.fenz.content.port.CategoryRepository;
import io.fenz.content.port.DirectoryRows;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.MediaTools;
import io.fenz.content.port.RecentlyListed;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.content.port.TagRepository;
import io.fenz.content.port.UploadRepository;
import io.fenz.content.port.VideoDirectory;
import io.fenz.content.port.VideoRepository;
import io.fenz.content.port.ViewBuffer;
import io.fenz.content.port.ViewRepository;
import io.fenz.content.port.WatchPermission;
import io.fenz.identity.port.OwnedContent;
import io.fenz.monetization.port.CreatorContent;
import io.fenz.platform.events.EventListener;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.Outbox;

@Module
public interface ContentModule {
  @Binds
  CategoryRepository categories(JdbiCategoryRepository impl);

  @Binds
  TagRepository tags(JdbiTagRepository impl);

  @Binds
  TagPreferenceRepository tagPreferences(CachedTagPreferences impl);

  @Binds
  VideoRepository videos(JdbiVideoRepository impl);

  @Binds
  ViewBuffer viewBuffer(RedisViewBuffer impl);

  @Binds
  ViewRepository views(JdbiViewRepository impl);

  @Binds
  UploadRepository uploads(JdbiUploadRepository impl);

  @Binds
  MediaStore mediaStore(DiskCachedMediaStore impl);

  @Binds
  Outbox outbox(JdbiOutbox impl);

  @Binds
  OwnedContent ownedContent(AccountContent impl);

  @Binds
  WatchPermission watchPermission(VideoAccess impl);

  @Binds
  RecentlyListed recentlyListed(CaffeineRecentlyListed impl);

  @Binds
  VideoDirectory videoDirectory(FollowedVideoDirectory impl);

  @Binds
  DirectoryRows directoryRows(JdbiDirectoryRows impl);

  @Binds
  MediaTools mediaTools(FfmpegMediaTools impl);

  @Binds
  @IntoSet
  EventListener mediaCleanup(DiscardMedia impl);

  @Binds
  AdminCheck adminCheck(IdentityAdminCheck impl);

  @Binds
  CreatorContent creatorContent(ContentForCreators impl);
}
