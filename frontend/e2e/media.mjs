// A real, browser-playable clip and a thumbnail, made with ffmpeg for this run.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export function makeMedia(dir) {
  const video = join(dir, 'clip.mp4')
  const thumb = join(dir, 'thumb.png')
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25:duration=12', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=12',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', video])
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360', '-frames:v', '1', thumb])
  return { video, thumb }
}
