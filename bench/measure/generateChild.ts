// Child: writes one estate folder. Args: <dir> <size> <seed>.
import { writeEstate } from '../estate/generate.ts';
import { parseSize } from '../estate/sizes.ts';
import { emit } from './child.ts';

const [dir, size, seed] = process.argv.slice(2);
emit(await writeEstate(dir!, parseSize(size!), Number(seed)));
