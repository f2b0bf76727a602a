import { BINARY_EXTENSIONS, wantsPath } from './scanner';

describe('wantsPath: only binary files are skipped', () => {
  // The rule as it was first written, as a regex; the set lookup must agree with it.
  const reference = /\.(?:png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|heic|mp[34]|m4[av]|mov|avi|mkv|webm|wav|flac|ogg|opus|aac|wm[av]|zip|gz|tgz|bz2|xz|zst|7z|rar|tar|jar|war|ear|nupkg|whl|egg|deb|rpm|msi|dmg|iso|img|apk|ipa|exe|dll|so|dylib|o|a|lib|obj|pdb|class|pyc|pyo|wasm|node|bin|dat|woff2?|ttf|otf|eot|pdf|docx?|xlsx?|pptx?|od[tsp]|sqlite3?|db|mdb|parquet|avro|orc|onnx|pt|pth|h5|tflite|pb|npy|npz|pkl|glb|fbx|blend|unitypackage|swf|flv)$/i;

  it('agrees with the extension list on every extension, in any case and place', () => {
    const names = ['png', 'src/app.ts', 'a.tar.gz', 'dir.png/readme.md', 'img/.png', 'LOGO.PNG', 'x.Jpeg', 'x.jpgx', 'x.pngs', 'Makefile', 'a.b.c/d', '.env', 'x.', 'x.map', 'x.min.js'];
    for (const ext of 'jpg jpeg tif tiff mp3 mp4 m4a m4v wma wmv woff woff2 doc docx xls xlsx ppt pptx odt ods odp sqlite sqlite3 icns 7z o a'.split(' ')) names.push(`f.${ext}`);
    for (const ext of BINARY_EXTENSIONS) names.push(`dir/file.${ext}`, `file.${ext.toUpperCase()}`, `file.${ext}.txt`, `file.x${ext}`);
    for (const name of names) expect([name, wantsPath(name)]).toEqual([name, !reference.test(name)]);
  });
});
