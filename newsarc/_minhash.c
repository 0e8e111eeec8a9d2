/* MinHash signatures and LSH band keys of a group of bodies, as newsarc/similarity.py computes
 * them with numpy, in one pass over the words instead of some forty array operations: the same
 * values, bit for bit (tests/test_compiled.py compares the two).
 *
 * group(text, lengths, family) takes the word texts of some bodies joined by single spaces,
 * each body's length in bytes, and the hash family's numbers (similarity.C_FAMILY);
 * it returns, for each body, (signature, keys) or None when the body has too few words.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t word_base, word_mix, multiplier, offset, shingle_first, shingle_second, key_mask;
    Py_ssize_t chunk, min_words, permutations, bands, band_rows;
    uint64_t band_mix[8];
} Family;

static int read_family(PyObject *numbers, Family *family) {
    if (!PyTuple_Check(numbers) || PyTuple_GET_SIZE(numbers) < 13) {
        PyErr_SetString(PyExc_TypeError, "family: a tuple of 13 or more integers");
        return -1;
    }
    uint64_t value[13];
    for (Py_ssize_t i = 0; i < 13; i++) {
        value[i] = PyLong_AsUnsignedLongLongMask(PyTuple_GET_ITEM(numbers, i));
        if (PyErr_Occurred()) return -1;
    }
    family->word_base = value[0];
    family->word_mix = value[1];
    family->multiplier = value[2];
    family->offset = value[3];
    family->shingle_first = value[4];
    family->shingle_second = value[5];
    family->key_mask = value[6];
    family->chunk = (Py_ssize_t)value[7];
    family->min_words = (Py_ssize_t)value[8];
    family->permutations = (Py_ssize_t)value[9];
    family->bands = (Py_ssize_t)value[10];
    family->band_rows = (Py_ssize_t)value[11];
    Py_ssize_t mixes = PyTuple_GET_SIZE(numbers) - 12;
    if (family->band_rows != mixes || mixes > 8 || family->permutations > 256 ||
        family->bands * family->band_rows > family->permutations || family->chunk < 2) {
        PyErr_SetString(PyExc_ValueError, "family: numbers out of range");
        return -1;
    }
    for (Py_ssize_t j = 0; j < mixes; j++) {
        family->band_mix[j] = PyLong_AsUnsignedLongLongMask(PyTuple_GET_ITEM(numbers, 12 + j));
        if (PyErr_Occurred()) return -1;
    }
    return 0;
}

/* The words of text[start:end], a piece of the text as similarity._word_hashes cuts it, appended
 * to hashes and starts. text[end] separates words (a space, or the NUL that ends a bytes
 * object) unless a word longer than a chunk was cut there: only then are bounds checked. */
static Py_ssize_t piece_words(const unsigned char *text, Py_ssize_t start, Py_ssize_t end,
                              const Family *family, uint64_t *hashes, Py_ssize_t *starts,
                              Py_ssize_t count) {
    const uint64_t base = family->word_base;
    const int cut = text[end] > ' ';
    Py_ssize_t i = start;
    for (;;) {
        while (i < end && text[i] <= ' ') i++;
        if (i == end) break;
        Py_ssize_t first = i;
        /* sum(byte * base ** offset), a polynomial hash of the word's bytes (mod 2 ** 64) */
        uint64_t hash = 0, power = 1;
        unsigned char byte;
        if (cut) {
            for (; i < end && (byte = text[i]) > ' '; i++, power *= base) hash += byte * power;
        } else {
            for (; (byte = text[i]) > ' '; i++, power *= base) hash += byte * power;
        }
        hash ^= hash >> 31;
        hash *= family->word_mix;
        hash ^= hash >> 29;
        hashes[count] = hash;
        starts[count] = first;
        count++;
    }
    return count;
}

/* Every word's hash and start, the text cut into pieces as similarity._word_hashes cuts it. */
static Py_ssize_t all_words(const unsigned char *text, Py_ssize_t size, const Family *family,
                            uint64_t *hashes, Py_ssize_t *starts) {
    Py_ssize_t count = 0, start = 0;
    while (size - start > family->chunk) {
        Py_ssize_t end = -1;
        for (Py_ssize_t i = start + family->chunk - 1; i > start; i--) {
            if (text[i] == ' ') {
                end = i;
                break;
            }
        }
        if (end == -1) end = start + family->chunk; /* a "word" longer than a chunk is cut */
        count = piece_words(text, start, end, family, hashes, starts, count);
        start = end;
    }
    return piece_words(text, start, size, family, hashes, starts, count);
}

static PyObject *body_fingerprint(const uint64_t *hashes, Py_ssize_t words, const Family *family) {
    uint32_t signature[256];
    for (Py_ssize_t k = 0; k < family->permutations; k++) signature[k] = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i + 2 < words; i++) {
        uint64_t shingle = (hashes[i] * family->shingle_first) ^
                           (hashes[i + 1] * family->shingle_second) ^ hashes[i + 2];
        uint64_t value = (shingle * family->multiplier + family->offset) >> 32;
        Py_ssize_t bin = (Py_ssize_t)((value * (uint64_t)family->permutations) >> 32);
        if (value < signature[bin]) signature[bin] = (uint32_t)value;
    }
    unsigned char packed[4 * 256];
    for (Py_ssize_t k = 0; k < family->permutations; k++) {
        uint32_t v = signature[k];
        packed[4 * k] = (unsigned char)v;
        packed[4 * k + 1] = (unsigned char)(v >> 8);
        packed[4 * k + 2] = (unsigned char)(v >> 16);
        packed[4 * k + 3] = (unsigned char)(v >> 24);
    }
    PyObject *keys = PyTuple_New(family->bands);
    if (!keys) return NULL;
    for (Py_ssize_t b = 0; b < family->bands; b++) {
        uint64_t key = 0;
        for (Py_ssize_t j = 0; j < family->band_rows; j++)
            key ^= (uint64_t)signature[b * family->band_rows + j] * family->band_mix[j];
        key ^= (uint64_t)b << 56;
        PyObject *number = PyLong_FromUnsignedLongLong(key & family->key_mask);
        if (!number) {
            Py_DECREF(keys);
            return NULL;
        }
        PyTuple_SET_ITEM(keys, b, number);
    }
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)packed, 4 * family->permutations);
    if (!bytes) {
        Py_DECREF(keys);
        return NULL;
    }
    return Py_BuildValue("(NN)", bytes, keys);
}

static PyObject *group(PyObject *module, PyObject *args) {
    PyObject *text, *lengths, *numbers;
    if (!PyArg_ParseTuple(args, "SOO", &text, &lengths, &numbers)) return NULL;
    const unsigned char *bytes = (const unsigned char *)PyBytes_AS_STRING(text);
    Py_ssize_t size = PyBytes_GET_SIZE(text);
    PyObject *result = NULL, *sequence = NULL;
    uint64_t *hashes = NULL;
    Py_ssize_t *starts = NULL;
    Family family;
    if (read_family(numbers, &family) < 0) goto done;
    sequence = PySequence_Fast(lengths, "lengths: a sequence of integers");
    if (!sequence) goto done;
    /* A word takes a byte and a separator, but for words cut at a chunk's end. */
    Py_ssize_t most = size / 2 + size / family.chunk + 2;
    hashes = PyMem_Malloc(most * sizeof *hashes);
    starts = PyMem_Malloc(most * sizeof *starts);
    if (!hashes || !starts) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t words = all_words(bytes, size, &family, hashes, starts);
    Py_ssize_t bodies = PySequence_Fast_GET_SIZE(sequence);
    result = PyList_New(bodies);
    if (!result) goto done;
    Py_ssize_t body_start = 0, word = 0;
    for (Py_ssize_t k = 0; k < bodies; k++) {
        Py_ssize_t length = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(sequence, k));
        if (length < 0) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "lengths: negative");
            Py_CLEAR(result);
            goto done;
        }
        Py_ssize_t body_end = body_start + length, first = word;
        while (word < words && starts[word] < body_end) word++;
        PyObject *item;
        if (word - first >= family.min_words) {
            item = body_fingerprint(hashes + first, word - first, &family);
            if (!item) {
                Py_CLEAR(result);
                goto done;
            }
        } else {
            item = Py_NewRef(Py_None);
        }
        PyList_SET_ITEM(result, k, item);
        body_start = body_end + 1; /* the space that joins two bodies */
    }
done:
    PyMem_Free(hashes);
    PyMem_Free(starts);
    Py_XDECREF(sequence);
    return result;
}

static PyMethodDef methods[] = {
    {"group", group, METH_VARARGS,
     "group(text, lengths, family): each body's (signature, keys), or None when it is short."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_minhash", NULL, -1, methods};

PyMODINIT_FUNC PyInit__minhash(void) { return PyModule_Create(&module); }
