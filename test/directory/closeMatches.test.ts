/** Close matches for misspelt names: the edit distance, and the pick among a directory's people. */
import { closeMatches } from '../../src/directory/closeMatches';
import { editDistance } from '../../src/shared/editDistance';
import type { PeopleDirectory, Person } from '../../src/directory/people';

const person = (id: string, displayName: string): Person => ({
  id,
  displayName,
  userPrincipalName: `${id}@example.com`,
});
const PEOPLE = [
  person('megan', 'Megan Bowen'),
  person('meg', 'Meg Brown'),
  person('adele', 'Adele Vance'),
  person('lynne', 'Lynne Robbins'),
  person('bob', 'Bob Owen'),
];

/** Only for this unit: the directory's prefix search over a fixed list, counting its calls. */
class ListDirectory implements PeopleDirectory {
  searches: string[] = [];
  async get(): Promise<Person | null> {
    return null;
  }
  async search(name: string): Promise<Person[]> {
    this.searches.push(name);
    const prefix = name.toLowerCase();
    return PEOPLE.filter((p) =>
      p.displayName
        .toLowerCase()
        .split(' ')
        .some((w) => w.startsWith(prefix)),
    );
  }
}

describe('editDistance', () => {
  it.each([
    ['megn', 'megan', 1],
    ['bowne', 'bowen', 1],
    ['lyne', 'lynne', 1],
    ['adel', 'adele', 1],
    ['megan', 'megan', 0],
    ['vance', 'bowen', 5],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('closeMatches', () => {
  it('"megn bowne" → Megan Bowen first, with two prefix searches', async () => {
    const directory = new ListDirectory();
    const found = await closeMatches(directory, 'megn bowne');
    expect(found.map((p) => p.id)).toEqual(['megan']);
    expect(directory.searches.sort()).toEqual(['bo', 'me']);
  });

  it.each([
    ['adel vanse', ['adele']],
    ['lyne', ['lynne']],
    ['Robins', ['lynne']],
    ['zzqx', []],
    ['meg bowen', ['megan']],
  ])('%s', async (typed, ids) => {
    expect((await closeMatches(new ListDirectory(), typed)).map((p) => p.id)).toEqual(ids);
  });
});
