import { copyFile, mkdir, readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * Copies a directory tree, all files at once: a PostgreSQL data directory is some 1,200 small
 * files, which fs.cp copies one after the other in several times as long.
 */
export async function copyDirectory(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const inside = (entry: { parentPath: string; name: string }) => relative(from, join(entry.parentPath, entry.name));
  await mkdir(to, { recursive: true });
  // Sorted, a directory comes before the directories in it.
  for (const directory of entries.filter((entry) => entry.isDirectory()).map(inside).sort()) await mkdir(join(to, directory));
  await Promise.all(entries.filter((entry) => entry.isFile()).map(inside).map((file) => copyFile(join(from, file), join(to, file))));
}
