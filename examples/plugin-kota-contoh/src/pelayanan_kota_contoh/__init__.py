"""pelayanan-kota-contoh: an example plugin for pelayanan, from a fictional city.

Kota Contoh publishes its tailored community satisfaction survey (``skm-kota-contoh``) and
the zones it colours results with (``zona-skm-kota-contoh``). Installing this distribution
is all it takes for every program that uses pelayanan to find them: the hooks live in
:mod:`pelayanan_kota_contoh.plugin`, listed in the ``pelayanan`` entry-point group.
"""

__version__ = "0.1.0"
