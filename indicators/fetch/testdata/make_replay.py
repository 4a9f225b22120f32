#!/usr/bin/env python3
"""Builds the recorded answers under replay/ from slices of the real files
in ../shared/data (see README.md). Run from this folder:
    python3 make_replay.py /path/to/shared/data
The answers follow CBS's OData v3 JSON (odata.metadata, value,
odata.nextLink) as opendata.cbs.nl and dataderden.cbs.nl serve it."""
import csv, gzip, json, os, re, shutil, sys

data = sys.argv[1]
out = "replay"
shutil.rmtree(out, ignore_errors=True)

def write(path, obj):
    p = os.path.join(out, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))

def answer(host, table, name, value, nxt=None, feed=False):
    api = "ODataFeed" if feed else "ODataApi"
    o = {"odata.metadata": f"https://{host}/{api}/OData/{table}/$metadata#Cbs.OData.WebAPI.{name}", "value": value}
    if nxt:
        o["odata.nextLink"] = nxt
    return o

def words(key):
    t = re.sub(r"_\d+$", "", key)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", t).capitalize()

def info(table, title, period):
    return [{"ID": 0, "Title": title, "ShortTitle": title[:40], "Identifier": table, "Summary": "", "Modified": "2023-06-01T02:00:00",
             "MetaDataModified": "2023-06-01T02:00:00", "ReasonDelivery": "Actualisering", "ExplanatoryText": "", "OutputStatus": "Regulier",
             "Source": "", "Language": "nl", "Catalog": "CBS", "Frequency": "Eenmalig", "Period": period, "ShortDescription": "",
             "Description": "", "DefaultPresentation": "", "DefaultSelection": "", "GraphTypes": "Table", "RecordCount": 0,
             "ColumnCount": 0, "SearchPriority": "2"}]

def dim(i, typ, key, title, **kw):
    d = {"odata.type": f"Cbs.OData.{typ}", "ID": i, "Position": i, "ParentID": None, "Type": typ, "Key": key, "Title": title, "Description": ""}
    d.update(kw)
    return d

def group(i, parent, title):
    return {"odata.type": "Cbs.OData.TopicGroup", "ID": i, "Position": None, "ParentID": parent, "Type": "TopicGroup", "Key": "", "Title": title, "Description": ""}

def topic(i, parent, key, title, unit, datatype="Double", decimals=1):
    return {"odata.type": "Cbs.OData.Topic", "ID": i, "Position": i, "ParentID": parent, "Type": "Topic", "Key": key, "Title": title,
            "Description": "", "ReleasePolicy": False, "Datatype": datatype, "Unit": unit, "Decimals": decimals, "Default": "Missing"}

# --- 50090NED (dataderden): 2020 edition, 18+, NL and the first five gemeenten, two pages of three rows.
host, t = "dataderden.cbs.nl", "50090NED"
with open(os.path.join(data, "rivm_gezondheid_wijk_buurt_50090NED/50090NED_gemeenten_2012_2016_2020_18plus.csv"), newline="", encoding="utf-8") as f:
    rows = [r for r in csv.DictReader(f) if r["Perioden"] == "2020JJ00"][:6]
cols = list(rows[0].keys())
props = [dim(0, "Dimension", "Leeftijd", "Leeftijd"), dim(1, "Dimension", "Marges", "Marges"),
         dim(2, "GeoDimension", "WijkenEnBuurten", "Wijken en buurten", MapYear=2020, ReleasePolicy=False),
         dim(3, "TimeDimension", "Perioden", "Perioden"), group(4, None, "Regioaanduiding")]
i = 5
for c in cols[5:8]:
    props.append(topic(i, 4, c, words(c), "", "String", 0)); i += 1
props.append(group(i, None, "Gezondheid en leefstijl")); g = i; i += 1
for c in cols[8:]:
    props.append(topic(i, g, c, words(c), "%")); i += 1
write(f"{host}/ODataApi/odata/{t}/TableInfos", answer(host, t, "TableInfos", info(t, "Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)", "2012, 2016, 2020")))
write(f"{host}/ODataApi/odata/{t}/DataProperties", answer(host, t, "DataProperties", props))
write(f"{host}/ODataApi/odata/{t}/Leeftijd", answer(host, t, "Leeftijd", [
    {"Key": "20300", "Title": "18 jaar of ouder", "Description": "", "CategoryGroupID": None},
    {"Key": "53115", "Title": "18 tot 65 jaar", "Description": "", "CategoryGroupID": None},
    {"Key": "21700", "Title": "65 jaar of ouder", "Description": "", "CategoryGroupID": None}]))
write(f"{host}/ODataApi/odata/{t}/Marges", answer(host, t, "Marges", [
    {"Key": "MW00000", "Title": "Waarde", "Description": ""}, {"Key": "MOG0095", "Title": "Ondergrens 95%-interval", "Description": ""},
    {"Key": "MBG0095", "Title": "Bovengrens 95%-interval", "Description": ""}]))
write(f"{host}/ODataApi/odata/{t}/WijkenEnBuurten", answer(host, t, "WijkenEnBuurten", [
    {"Key": r["WijkenEnBuurten"], "Title": r["Gemeentenaam_1"].strip(), "Description": "", "DetailRegionCode": r["Codering_3"]} for r in rows]))
write(f"{host}/ODataApi/odata/{t}/Perioden", answer(host, t, "Perioden", [
    {"Key": f"{y}JJ00", "Title": str(y), "Description": "", "Status": "Definitief"} for y in (2012, 2016, 2020)]))
flt = "$format=json&$filter=Perioden%20eq%20%272020JJ00%27%20and%20Leeftijd%20eq%20%2720300%27%20and%20Marges%20eq%20%27MW00000%27"
def untyped(r):
    return {c: (int(r[c]) if c == "ID" else r[c]) for c in cols}
write(f"{host}/ODataFeed/odata/{t}/UntypedDataSet", answer(host, t, "UntypedDataSet", [untyped(r) for r in rows[:3]],
      nxt=f"https://{host}/ODataFeed/OData/{t}/UntypedDataSet?{flt}&$skip=3", feed=True))
write(f"{host}/ODataFeed/odata/{t}/UntypedDataSet.skip3", answer(host, t, "UntypedDataSet", [untyped(r) for r in rows[3:]], feed=True))

# --- 85563NED (opendata): overweight of NL and four gemeenten (from Overgewicht2022.csv), plus a province the export leaves out.
host, t = "opendata.cbs.nl", "85563NED"
with open(os.path.join(data, "cbs_statline_export_4steden/Overgewicht2022.csv"), encoding="utf-8-sig") as f:
    lines = list(csv.reader(f, delimiter=";"))
topics = lines[4][1:]
vals = {r[0]: r[1:] for r in lines[6:11]}
codes = {"Nederland": "NL01", "Amsterdam": "GM0363", "Groningen (gemeente)": "GM0014", "Maastricht": "GM0935", "Utrecht (gemeente)": "GM0344"}
keys = ["Ondergewicht_1", "NormaalGewicht_2", "Overgewicht_3", "MatigOvergewicht_4", "ErnstigOvergewichtObesitas_5"]
props = [dim(0, "Dimension", "Leeftijd", "Leeftijd"), dim(1, "Dimension", "Marges", "Marges"),
         dim(2, "GeoDimension", "RegioS", "Regio's", MapYear=2022, ReleasePolicy=False), dim(3, "TimeDimension", "Perioden", "Perioden"),
         group(4, None, "Onder- en overgewicht")]
props += [topic(5, 4, keys[0], "Ondergewicht", "%"), topic(6, 4, keys[1], "Normaal gewicht", "%"), topic(7, 4, keys[2], "Overgewicht", "%"),
          group(8, 4, "Mate van overgewicht"), topic(9, 8, keys[3], "Matig overgewicht", "%"), topic(10, 8, keys[4], "Ernstig overgewicht (obesitas)", "%")]
write(f"{host}/ODataApi/odata/{t}/TableInfos", answer(host, t, "TableInfos", info(t, "Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2022", "2022")))
write(f"{host}/ODataApi/odata/{t}/DataProperties", answer(host, t, "DataProperties", props))
write(f"{host}/ODataApi/odata/{t}/Leeftijd", answer(host, t, "Leeftijd", [
    {"Key": "10000", "Title": "Totaal", "Description": "18 jaar of ouder", "CategoryGroupID": None},
    {"Key": "53115", "Title": "18 tot 65 jaar", "Description": "", "CategoryGroupID": None}]))
write(f"{host}/ODataApi/odata/{t}/Marges", answer(host, t, "Marges", [
    {"Key": "MW00000", "Title": "Waarde", "Description": ""}, {"Key": "MOG0095", "Title": "Ondergrens 95%-interval", "Description": ""}]))
regions = [{"Key": c.ljust(6), "Title": n, "Description": "", "CategoryGroupID": 1} for n, c in codes.items()]
regions.append({"Key": "PV27  ", "Title": "Noord-Holland (PV)", "Description": "", "CategoryGroupID": 2})
write(f"{host}/ODataApi/odata/{t}/RegioS", answer(host, t, "RegioS", regions))
write(f"{host}/ODataApi/odata/{t}/Perioden", answer(host, t, "Perioden", [{"Key": "2022JJ00", "Title": "2022", "Description": "", "Status": "Definitief"}]))
data_rows = []
for i, (n, c) in enumerate(codes.items()):
    r = {"ID": i, "Leeftijd": "10000", "Marges": "MW00000", "RegioS": c.ljust(6), "Perioden": "2022JJ00"}
    for k, v in zip(keys, vals[n]):
        r[k] = v.replace(",", ".").rjust(8)
    data_rows.append(r)
r = {"ID": 5, "Leeftijd": "10000", "Marges": "MW00000", "RegioS": "PV27  ", "Perioden": "2022JJ00"}
r.update({k: "       ." for k in keys})
data_rows.append(r)
write(f"{host}/ODataFeed/odata/{t}/UntypedDataSet", answer(host, t, "UntypedDataSet", data_rows, feed=True))

# --- 85385NED Gebieden in Nederland 2023 (opendata): the first five gemeenten.
host, t = "opendata.cbs.nl", "85385NED"
with open(os.path.join(data, "cbs_regiocodes/Gebieden_in_Nederland_2023_25032025_175459.csv"), encoding="utf-8-sig") as f:
    g = list(csv.reader(f, delimiter=";"))[1:6]
props = [dim(0, "GeoDimension", "RegioS", "Regio's", MapYear=2023, ReleasePolicy=False), group(1, None, "Codes en namen van gemeenten"),
         topic(2, 1, "Code_1", "Code", "code", "String", 0), topic(3, 1, "Naam_2", "Naam", "naam", "String", 0),
         group(4, None, "Lokaliseringen van gemeenten"), group(5, 4, "GGD-regio's"),
         topic(6, 5, "Code_14", "Code", "code", "String", 0), topic(7, 5, "Naam_15", "Naam", "naam", "String", 0)]
write(f"{host}/ODataApi/odata/{t}/TableInfos", answer(host, t, "TableInfos", info(t, "Gebieden in Nederland 2023", "2023")))
write(f"{host}/ODataApi/odata/{t}/DataProperties", answer(host, t, "DataProperties", props))
write(f"{host}/ODataApi/odata/{t}/RegioS", answer(host, t, "RegioS", [{"Key": r[1].ljust(6)[:6] if len(r[1].strip()) <= 6 else r[1], "Title": r[0], "Description": ""} for r in g]))
write(f"{host}/ODataFeed/odata/{t}/TypedDataSet", answer(host, t, "TypedDataSet", [
    {"ID": i, "RegioS": r[1].strip().ljust(6), "Code_1": r[1], "Naam_2": r[2], "Code_14": r[3], "Naam_15": r[4]} for i, r in enumerate(g)], feed=True))

# --- Vektis 2022 - gemeente: the header and the first 200 rows; cartomap provincie_2023 as stored.
name = "www.vektis.nl/uploads/Docs per pagina/Open Data Bestanden/2022/Vektis Open Databestand Zorgverzekeringswet 2022 - gemeente.csv"
os.makedirs(os.path.dirname(os.path.join(out, name)), exist_ok=True)
with gzip.open(os.path.join(data, "vektis_zvw_gemeente/vektis_2022_gemeente.csv.gz"), "rb") as f:
    head = b"".join(f.readline() for _ in range(201))
with open(os.path.join(out, name), "wb") as f:
    f.write(head)
os.makedirs(os.path.join(out, "cartomap.github.io/nl/wgs84"), exist_ok=True)
shutil.copy(os.path.join(data, "geo/provincie_2023.topojson"), os.path.join(out, "cartomap.github.io/nl/wgs84/provincie_2023.topojson"))
