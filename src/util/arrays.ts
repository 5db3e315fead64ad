/** The array with no spare capacity: an array grown by `push` keeps room for 16 more elements,
 *  which on a large model is most of the syntax tree's and the model's memory. */
export function exact<T>(list: T[]): T[] {
  return list.length ? list.slice() : list;
}
