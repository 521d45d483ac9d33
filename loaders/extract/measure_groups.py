"""Groups of measure types that several parts of the extractor read alike, named once.

Plain strings (a DefinedNamespace lookup is slow on hot paths).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

#: Things put up: installations and barriers ("new floodlights", "a fence").
EQUIPMENT = frozenset(
    str(t)
    for t in (
        MEASURE.CCTVInstallation,
        MEASURE.SensorInstallation,
        MEASURE.LightingInstallation,
        MEASURE.SurveillanceInstallation,
        MEASURE.BarrierConstruction,
    )
)
#: The crackdowns that name their target, narrower than the plain Crackdown.
SPECIFIC_CRACKDOWNS = frozenset(
    str(t)
    for t in (
        MEASURE.PhoneCrackdown,
        MEASURE.SmugglingCrackdown,
        MEASURE.DefectionCrackdown,
        MEASURE.NonSocialistInspection,
    )
)
CRACKDOWN = str(MEASURE.Crackdown)
