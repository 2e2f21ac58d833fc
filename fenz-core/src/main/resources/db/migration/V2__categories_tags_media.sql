-- Categories are fixed reference data (zh-TW + en); tags start with a useful set admins can edit.
INSERT INTO categories (slug, name_zh, name_en) VALUES
  ('entertainment', '娛樂', 'Entertainment'),
  ('education', '教育', 'Education'),
  ('gaming', '遊戲', 'Gaming'),
  ('music', '音樂', 'Music'),
  ('tech', '科技', 'Technology'),
  ('food', '美食', 'Food'),
  ('travel', '旅遊', 'Travel'),
  ('lifestyle', '生活', 'Lifestyle'),
  ('sports', '運動', 'Sports'),
  ('news', '新聞', 'News'),
  ('pets', '寵物', 'Pets & Animals'),
  ('other', '其他', 'Other');

INSERT INTO tags (slug, name_zh, name_en) VALUES
  ('funny', '搞笑', 'Funny'),
  ('tutorial', '教學', 'Tutorial'),
  ('vlog', 'Vlog', 'Vlog'),
  ('unboxing', '開箱', 'Unboxing'),
  ('tech-review', '科技評測', 'Tech review'),
  ('cooking', '料理', 'Cooking'),
  ('street-food', '夜市小吃', 'Street food'),
  ('cats', '貓咪', 'Cats'),
  ('dogs', '狗狗', 'Dogs'),
  ('hiking', '登山', 'Hiking'),
  ('taiwan-travel', '台灣旅遊', 'Taiwan travel'),
  ('programming', '程式設計', 'Programming'),
  ('gaming-live', '遊戲實況', 'Game streams'),
  ('music-cover', '翻唱', 'Music covers'),
  ('fitness', '健身', 'Fitness'),
  ('asmr', 'ASMR', 'ASMR'),
  ('diy', '手作', 'DIY'),
  ('photography', '攝影', 'Photography'),
  ('study-with-me', '陪讀', 'Study with me'),
  ('news-talk', '時事討論', 'News talk');

-- Media jobs (probe, thumbnail) count their attempts so a broken file is not retried forever.
ALTER TABLE videos ADD COLUMN media_attempts TINYINT NOT NULL DEFAULT 0;
